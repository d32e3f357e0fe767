// The import page (routes/staff/partner-import.tsx over directory/import/page.server.ts): an
// administrator uploads a file for a dry run (nothing written, the file kept by its SHA-256),
// then imports it without a second upload; the kept file is gone once imported; a file with
// errors is reported and never kept; reviewers cannot use the page; the templates download.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffUser } from "../fixtures/factories";
import { seedWorld } from "../fixtures/returns";
import { writeSession } from "../fixtures/sessions";
import { sessionCookie } from "~/modules/auth/cookies.server";
import type { ImportPageResult } from "~/modules/directory/import/page.server";
import { action, loader } from "~/routes/staff/partner-import";
import { loader as templateLoader } from "~/routes/staff/partner-import-template";
import { prisma } from "~/utils/db.server";

const uploads = mkdtempSync(path.join(tmpdir(), "import-page-"));
process.env.UPLOAD_DIR = uploads;
const pending = () => {
  try {
    return readdirSync(path.join(uploads, "pending-imports"));
  } catch {
    return [];
  }
};

const ORIGIN = "http://127.0.0.1:3000";

async function cookieFor(role: "ADMIN" | "REVIEWER") {
  const user = await createStaffUser(role);
  return `${sessionCookie.name}=${await writeSession(prisma, user.id)}`;
}

async function post(cookie: string, fields: Record<string, string | File>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  const request = new Request(`${ORIGIN}/fr/staff/partners/import`, {
    method: "POST",
    body,
    headers: { cookie, origin: ORIGIN },
  });
  const answer = (await action({ request, params: { lang: "fr" }, context: {} } as never).catch(
    (thrown: unknown) => thrown,
  )) as { data: ImportPageResult; init: { status: number } } | Response;
  return answer;
}

const csvFile = (text: string) => new File([text], "partenaires.csv", { type: "text/csv" });

describe("the directory import page", () => {
  let admin: string;

  beforeAll(async () => {
    await seedWorld();
    admin = await cookieFor("ADMIN");
  });
  afterAll(() => rmSync(uploads, { recursive: true, force: true }));

  it("a dry run writes nothing and keeps the file; Import writes it without a second upload", async () => {
    const before = await prisma.organisation.count();
    const dryRun = await post(admin, {
      intent: "dryRun",
      sheet: "organisations",
      file: csvFile(
        "kind;identifier;name_fr;name_nl\nNON_PROFIT;0812.345.603;Page ASBL;Pagina vzw\n",
      ),
    });
    if (dryRun instanceof Response) throw new Error(`unexpected ${dryRun.status}`);
    expect(dryRun.init.status).toBe(200);
    expect(dryRun.data).toMatchObject({
      outcome: "dryRun",
      sheet: "organisations",
      errorCount: 0,
      changeCount: 1,
      totals: { organisation: { create: 1 } },
    });
    expect(await prisma.organisation.count()).toBe(before);
    const sha256 = (dryRun.data as { sha256: string }).sha256;
    expect(pending()).toEqual([`${sha256}.bin`]);

    const applied = await post(admin, { intent: "apply", sha256, sheet: "organisations" });
    if (applied instanceof Response) throw new Error(`unexpected ${applied.status}`);
    expect(applied.data).toMatchObject({ outcome: "applied", changeCount: 1 });
    expect(await prisma.organisation.count()).toBe(before + 1);
    expect(pending()).toEqual([]);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "directory.imported" },
    });
    expect(audit.details).toMatchObject({ source: "web", sha256 });

    // The same button again (a double click, the back button): the file is gone, nothing twice.
    const again = await post(admin, { intent: "apply", sha256, sheet: "organisations" });
    if (again instanceof Response) throw new Error(`unexpected ${again.status}`);
    expect(again).toMatchObject({ data: { outcome: "expired" }, init: { status: 400 } });
    expect(await prisma.organisation.count()).toBe(before + 1);
    // A made-up hash or a path is no file.
    for (const sha of ["../../etc/passwd", "0".repeat(64)]) {
      const made = await post(admin, { intent: "apply", sha256: sha });
      expect(made).toMatchObject({ data: { outcome: "expired" } });
    }
  });

  it("a file with errors is reported with its lines and is not kept", async () => {
    const result = await post(admin, {
      intent: "dryRun",
      file: csvFile("organisation,email,name\n5339,not-an-email,X\n9999,a@example.org,Y\n"),
    });
    if (result instanceof Response) throw new Error(`unexpected ${result.status}`);
    expect(result.init.status).toBe(400);
    expect(result.data).toMatchObject({ outcome: "dryRun", errorCount: 2 });
    expect((result.data as { errors: { line: number }[] }).errors.map((e) => e.line)).toEqual([
      2, 3,
    ]);
    expect(pending()).toEqual([]);
    const empty = await post(admin, { intent: "dryRun", file: csvFile("") });
    expect(empty).toMatchObject({ data: { outcome: "missing" }, init: { status: 400 } });
  });

  it("is for administrators only; the templates download in the page's language", async () => {
    const reviewer = await cookieFor("REVIEWER");
    const refused = await post(reviewer, { intent: "dryRun", file: csvFile("x") });
    expect(refused).toMatchObject({ init: { status: 404 } });
    const page = new Request(`${ORIGIN}/fr/staff/partners/import`, {
      headers: { cookie: reviewer },
    });
    await expect(
      loader({ request: page, params: { lang: "fr" }, context: {} } as never),
    ).rejects.toMatchObject({ init: { status: 404 } });

    const template = (await templateLoader({
      request: new Request(`${ORIGIN}/nl/staff/partners/import/template/fundings`, {
        headers: { cookie: admin },
      }),
      params: { lang: "nl", sheet: "fundings" },
      context: {},
    } as never)) as Response;
    expect(template.headers.get("content-disposition")).toBe(
      'attachment; filename="financieringen.csv"',
    );
    const bytes = new Uint8Array(await template.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).split("\r\n")[0]).toBe(
      "organisatie;soort_organisatie;kanaal;beginjaar;eindjaar;titel;bedrag;maatregelen;opdrachten",
    );
  });
});
