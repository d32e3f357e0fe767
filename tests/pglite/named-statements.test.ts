// PGlite's named statements (utils/db/prepared-statements.server.ts) on a bare in-memory PGlite:
// the cache's bound, a statement that fails to parse, transactions, and PGlite's own paths.
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nameStatements } from "~/utils/db/prepared-statements.server";

let pglite: PGlite;
let cache: ReturnType<typeof nameStatements>;

beforeAll(async () => {
  pglite = new PGlite();
  await pglite.waitReady;
  await pglite.exec("CREATE TABLE item (id int PRIMARY KEY, label text NOT NULL)");
  cache = nameStatements(pglite, 3);
}, 120_000);

afterAll(async () => {
  await pglite.close();
});

async function named() {
  // PGlite's `exec` is not replaced: this query is never a named statement itself.
  const [result] = await pglite.exec(
    "SELECT statement FROM pg_prepared_statements WHERE NOT from_sql ORDER BY statement",
  );
  return result!.rows.map((row) => (row as { statement: string }).statement);
}

describe("PGlite named statements", () => {
  it("parses a text once, binds it each time, and reports rows and counts like PGlite's query", async () => {
    const insert = "INSERT INTO item (id, label) VALUES ($1, $2)";
    expect(await pglite.query(insert, [1, "un"])).toMatchObject({ affectedRows: 1, rows: [] });
    expect(await pglite.query(insert, [2, "deux"])).toMatchObject({ affectedRows: 1 });
    expect(await named()).toEqual([insert]);
    const select = await pglite.query<{ id: number; label: string }>(
      "SELECT id, label FROM item WHERE id >= $1 ORDER BY id",
      [1],
    );
    expect(select.rows).toEqual([
      { id: 1, label: "un" },
      { id: 2, label: "deux" },
    ]);
    expect(select.fields.map((f) => f.name)).toEqual(["id", "label"]);
    const asArrays = await pglite.query("SELECT id, label FROM item WHERE id = $1", [2], {
      rowMode: "array",
    });
    expect(asArrays.rows).toEqual([[2, "deux"]]);
  });

  it("keeps at most its capacity, closing the least recently used statement", async () => {
    for (const n of [10, 11, 12, 13]) await pglite.query(`SELECT ${n} AS n WHERE $1::int > 0`, [1]);
    expect(cache.statements()).toBe(3);
    expect(await named()).toEqual([
      "SELECT 11 AS n WHERE $1::int > 0",
      "SELECT 12 AS n WHERE $1::int > 0",
      "SELECT 13 AS n WHERE $1::int > 0",
    ]);
    // Using 11 again makes 12 the oldest: the next new text closes 12, not 11.
    await pglite.query("SELECT 11 AS n WHERE $1::int > 0", [1]);
    await pglite.query("SELECT 14 AS n WHERE $1::int > 0", [1]);
    expect(await named()).toEqual([
      "SELECT 11 AS n WHERE $1::int > 0",
      "SELECT 13 AS n WHERE $1::int > 0",
      "SELECT 14 AS n WHERE $1::int > 0",
    ]);
    // A closed statement is parsed again when it comes back (and 13, now the oldest, is closed).
    expect((await pglite.query("SELECT 12 AS n WHERE $1::int > 0", [1])).rows).toEqual([{ n: 12 }]);
    expect(await named()).toEqual([
      "SELECT 11 AS n WHERE $1::int > 0",
      "SELECT 12 AS n WHERE $1::int > 0",
      "SELECT 14 AS n WHERE $1::int > 0",
    ]);
  });

  it("a text that fails to parse is not kept, and the connection goes on", async () => {
    const before = await named();
    await expect(pglite.query("SELEC oops $1", [1])).rejects.toThrow(/syntax error/);
    expect(await named()).toEqual(before);
    expect((await pglite.query("SELECT $1::int + 1 AS n", [1])).rows).toEqual([{ n: 2 }]);
  });

  it("inside a transaction: named statements, rollback, and a closed transaction refused", async () => {
    let kept: Parameters<Parameters<PGlite["transaction"]>[0]>[0] | undefined;
    await expect(
      pglite.transaction(async (tx) => {
        kept = tx;
        await tx.query("INSERT INTO item (id, label) VALUES ($1, $2)", [3, "trois"]);
        await tx.query("INSERT INTO item (id, label) VALUES ($1, $2)", [1, "doublon"]);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(
      (await pglite.query("SELECT count(*)::int AS n FROM item WHERE id = $1", [3])).rows,
    ).toEqual([{ n: 0 }]);
    await expect(kept!.query("SELECT 1 AS n WHERE $1::int > 0", [1])).rejects.toThrow(/closed/);
    await pglite.transaction(async (tx) => {
      await tx.query("INSERT INTO item (id, label) VALUES ($1, $2)", [3, "trois"]);
    });
    expect((await pglite.query("SELECT label FROM item WHERE id = $1", [3])).rows).toEqual([
      { label: "trois" },
    ]);
  });

  it("a statement that no longer exists or no longer fits is parsed again on the next call", async () => {
    const read = "SELECT label FROM item WHERE id = $1";
    expect((await pglite.query(read, [1])).rows).toEqual([{ label: "un" }]);
    // DISCARD ALL drops every named statement of the connection.
    await pglite.exec("DISCARD ALL");
    await expect(pglite.query(read, [1])).rejects.toThrow(/does not exist/);
    expect((await pglite.query(read, [1])).rows).toEqual([{ label: "un" }]);
    // A column changes type under a prepared statement: one failure, then the new shape.
    await pglite.exec("ALTER TABLE item ALTER COLUMN label TYPE varchar(40)");
    const outcome = await pglite.query(read, [1]).then(
      (result) => result.rows,
      (error: Error) => error.message,
    );
    if (typeof outcome === "string") expect(outcome).toMatch(/cached plan/);
    expect((await pglite.query(read, [1])).rows).toEqual([{ label: "un" }]);
  });

  it("queries with given parameter types go through PGlite's own unnamed path", async () => {
    const before = await named();
    const result = await pglite.query("SELECT $1 AS v", ["7"], { paramTypes: [25] });
    expect(result.rows).toEqual([{ v: "7" }]);
    expect(await named()).toEqual(before);
  });
});
