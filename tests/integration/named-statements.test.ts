// Prisma's queries run as named statements on both engines (utils/db/prepared-statements.server.ts):
// parsed and planned once per connection, then only bound and executed. Each check runs in one
// interactive transaction, so on PostgreSQL it reads the connection that ran the query.
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { seedWorld } from "../fixtures/returns";

beforeAll(async () => {
  await seedWorld();
}, 120_000);

type Tx = Prisma.TransactionClient;

/** The named statements of this connection whose text contains `marker`. */
async function preparedWith(tx: Tx, marker: string) {
  const rows = await tx.$queryRaw<{ name: string; statement: string }[]>`
    SELECT name, statement FROM pg_prepared_statements
    WHERE statement LIKE ${`%${marker}%`} AND statement NOT LIKE '%pg_prepared_statements%'`;
  return rows;
}

describe("named statements", () => {
  it("a Prisma query is parsed once under a name and then reused, with the same results", async () => {
    await prisma.$transaction(async (tx) => {
      const first = await tx.measure.findMany({
        where: { code: { in: ["1.1", "5.1"] } },
        orderBy: { code: "asc" },
        select: { code: true, titleFr: true },
      });
      const statements = await preparedWith(tx, `"Measure"`);
      expect(statements.length).toBeGreaterThan(0);
      const again = await tx.measure.findMany({
        where: { code: { in: ["1.1", "5.1"] } },
        orderBy: { code: "asc" },
        select: { code: true, titleFr: true },
      });
      expect(again).toEqual(first);
      expect(first.map((m) => m.code)).toEqual(["1.1", "5.1"]);
      // The same text is not parsed a second time under another name.
      expect(await preparedWith(tx, `"Measure"`)).toEqual(statements);
    });
  });

  it("values of every kind go in and come back as with unnamed statements", async () => {
    const row = await prisma.$queryRaw<
      { t: string; n: number; b: boolean; d: Date; j: unknown; nothing: null }[]
    >`SELECT ${"texte é"}::text AS t, ${41}::int + 1 AS n, ${true}::boolean AS b,
        ${new Date("2024-03-15T10:00:00Z")}::timestamptz AS d,
        ${JSON.stringify({ a: [1, "deux"] })}::jsonb AS j, ${null}::text AS nothing`;
    expect(row).toEqual([
      {
        t: "texte é",
        n: 42,
        b: true,
        d: new Date("2024-03-15T10:00:00Z"),
        j: { a: [1, "deux"] },
        nothing: null,
      },
    ]);
  });

  it("a long IN list is sent unnamed, so list lengths do not fill the cache", async () => {
    const codes = Array.from({ length: 40 }, (_, i) => `unused-${i}`);
    await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 'long-list-marker' AS m WHERE 'x' IN (${Prisma.join(codes)})`;
      expect(await preparedWith(tx, "long-list-marker")).toEqual([]);
      await tx.$queryRaw`SELECT 'short-list-marker' AS m WHERE 'x' IN (${Prisma.join(codes.slice(0, 3))})`;
      expect(await preparedWith(tx, "short-list-marker")).toHaveLength(1);
    });
  });

  it("errors keep their meaning, and a statement still works after a rolled-back transaction", async () => {
    const code = `ns-${Date.now()}`;
    const theme = await prisma.theme.findFirstOrThrow({ select: { id: true, planId: true } });
    const create = () =>
      prisma.measure.create({
        data: {
          code,
          titleFr: "Mesure d'essai",
          titleNl: "Testmaatregel",
          planId: theme.planId,
          themeId: theme.id,
          position: 999,
        },
      });
    await create();
    // The second insert is the same named statement and breaks the unique code: Prisma's P2002.
    await expect(create()).rejects.toMatchObject({ code: "P2002" });

    // A transaction that prepares a new statement, then fails and is rolled back.
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 'rolled-back-marker' AS m, ${code}::text AS c`;
        await tx.$queryRaw`SELECT 1 / ${0}::int`;
      }),
    ).rejects.toThrow(/division by zero/);
    const after = await prisma.$queryRaw<{ c: string }[]>`
      SELECT 'rolled-back-marker' AS m, ${code}::text AS c`;
    expect(after).toEqual([{ m: "rolled-back-marker", c: code }]);
    await prisma.measure.delete({ where: { planId_code: { planId: theme.planId, code } } });
  });
});
