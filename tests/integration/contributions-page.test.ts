// The contributions import page (routes/staff/contribution-import*.tsx over
// contributions/page.server.ts): an administrator's upload is a dry run (nothing written, the
// file kept by its SHA-256); Import starts the job without a second upload and sends to the
// job's page, which gives the result; a file with errors is reported with status 400 and never
// kept; an expired file says so; reviewers are refused everywhere; the template downloads.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffUser } from "../fixtures/factories";
import { seedWorld } from "../fixtures/returns";
import { writeSession } from "../fixtures/sessions";
import { sessionCookie } from "~/modules/auth/cookies.server";
import type { ImportPageResult } from "~/modules/contributions/page.server";
import { action, loader } from "~/routes/staff/contribution-import";
import { loader as jobLoader } from "~/routes/staff/contribution-import-job";
import { loader as templateLoader } from "~/routes/staff/contribution-import-template";
import { prisma } from "~/utils/db.server";

const uploads = mkdtempSync(path.join(tmpdir(), "contributions-page-"));
process.env.UPLOAD_DIR = uploads;
const pending = () => {
  try {
    return readdirSync(path.join(uploads, "pending-imports"));
  } catch {
    return [];
  }
};

const ORIGIN = "http://127.0.0.1:3000";
const request = (cookie: string, pathname: string, init: RequestInit = {}) =>
  new Request(`${ORIGIN}${pathname}`, { ...init, headers: { cookie, origin: ORIGIN } });
const params = { lang: "fr" };

async function cookieFor(role: "ADMIN" | "REVIEWER") {
  const user = await createStaffUser(role);
  return { id: user.id, cookie: `${sessionCookie.name}=${await writeSession(prisma, user.id)}` };
}

async function post(cookie: string, fields: Record<string, string | File>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return (await action({
    request: request(cookie, "/fr/staff/dataset/import", { method: "POST", body }),
    params,
    context: {},
  } as never).catch((thrown: unknown) => thrown)) as
    { data: ImportPageResult; init: { status: number } } | Response;
}

const csvFile = (text: string) => new File([text], "historique.csv", { type: "text/csv" });
const header = "year;organisation;channel;measure;narrative\n";

describe("the contributions import page", () => {
  let admin: { id: string; cookie: string };

  beforeAll(async () => {
    await seedWorld();
    admin = await cookieFor("ADMIN");
  });
  afterAll(() => rmSync(uploads, { recursive: true, force: true }));

  it("a dry run writes nothing and keeps the file; Import runs the job and shows its result", async () => {
    const before = await prisma.datasetEntry.count();
    const dryRun = (await post(admin.cookie, {
      intent: "dryRun",
      file: csvFile(header + "2022;5344;FSE;7.1;Nettoyage des abords de gares.\n"),
    })) as { data: ImportPageResult; init: { status: number } };
    expect(dryRun.init.status).toBe(200);
    expect(dryRun.data).toMatchObject({
      outcome: "dryRun",
      fileName: "historique.csv",
      rowCount: 1,
      newCount: 1,
      knownCount: 0,
      errorCount: 0,
    });
    expect(await prisma.datasetEntry.count()).toBe(before);
    const sha256 = (dryRun.data as { sha256: string }).sha256;
    expect(pending()).toEqual([`${sha256}.bin`]);

    const answer = (await post(admin.cookie, {
      intent: "import",
      sha256,
      fileName: "historique.csv",
    })) as Response;
    expect(answer.status).toBe(302);
    const location = answer.headers.get("location")!;
    expect(location).toMatch(/^\/fr\/staff\/dataset\/import\/[0-9a-f-]{36}$/);
    expect(pending()).toEqual([]);
    const job = location.split("/").pop()!;
    const page = (await jobLoader({
      request: request(admin.cookie, location),
      params: { lang: "fr", job },
      context: {},
    } as never)) as { job: { state: string; result: { newCount: number } | null } };
    expect(page.job.state).toBe("done");
    expect(page.job.result?.newCount).toBe(1);
    expect(await prisma.datasetEntry.count()).toBe(before + 1);
    const entry = await prisma.datasetEntry.findFirstOrThrow({
      where: { narrative: "Nettoyage des abords de gares." },
      include: { contributionImport: true },
    });
    expect(entry).toMatchObject({ source: "IMPORT", importLine: 2, approvedById: admin.id });
    expect(entry.contributionImport).toMatchObject({
      fileName: "historique.csv",
      importedById: admin.id,
    });

    const listed = (await loader({
      request: request(admin.cookie, "/fr/staff/dataset/import"),
      params,
      context: {},
    } as never)) as { recent: { fileName: string; createdCount: number }[] };
    expect(listed.recent[0]).toMatchObject({ fileName: "historique.csv", createdCount: 1 });
  });

  it("a file with errors is reported (400) and never kept; a missing or expired file says so", async () => {
    const bad = (await post(admin.cookie, {
      intent: "dryRun",
      file: csvFile(header + "2022;nobody;FSE;7.1;\n"),
    })) as { data: ImportPageResult; init: { status: number } };
    expect(bad.init.status).toBe(400);
    expect(bad.data).toMatchObject({ outcome: "dryRun", errorCount: 1 });
    expect(pending()).toEqual([]);
    const missing = (await post(admin.cookie, { intent: "dryRun" })) as {
      data: ImportPageResult;
    };
    expect(missing.data).toEqual({ outcome: "missing" });
    const expired = (await post(admin.cookie, {
      intent: "import",
      sha256: "0".repeat(64),
      fileName: "x.csv",
    })) as { data: ImportPageResult };
    expect(expired.data).toEqual({ outcome: "expired" });
  });

  it("reviewers are refused; the template downloads in the page's language", async () => {
    const reviewer = await cookieFor("REVIEWER");
    const refused = await post(reviewer.cookie, { intent: "dryRun", file: csvFile(header) });
    expect(refused).toMatchObject({ init: { status: 404 } });
    const listing = await loader({
      request: request(reviewer.cookie, "/fr/staff/dataset/import"),
      params,
      context: {},
    } as never).catch((thrown: unknown) => thrown);
    expect(listing).toMatchObject({ init: { status: 404 } });
    expect(
      await prisma.auditEvent.count({
        where: { action: "access.denied", actorUserId: reviewer.id },
      }),
    ).toBe(2);

    const template = (await templateLoader({
      request: request(admin.cookie, "/nl/staff/dataset/import/template"),
      params: { lang: "nl" },
      context: {},
    } as never)) as Response;
    expect(template.headers.get("content-disposition")).toBe(
      'attachment; filename="bijdragen.csv"',
    );
    const bytes = Buffer.from(await template.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toMatch(/^jaar;organisatie;kanaal;maatregel;/);
  });
});
