// A post to a section page (complete, upload, autosave) loads the section with its return and
// template row once, where it used to load them two or three times, and reads the template's
// definition JSON only when this process has not parsed it yet. Every SQL statement of the
// request is recorded (Prisma's query events).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { samplePdf } from "../fixtures/files/synthetic";
import { createAttachmentsCampaign, createPartnerReturn } from "../fixtures/files/return-world";
import { createSession } from "~/modules/auth/session.server";
import { definitionOfTemplate } from "~/modules/questionnaires/templates.server";
import { sessionRequestCookie } from "../fixtures/sessions";
import { action as autosaveAction } from "~/routes/partner/return-section-autosave";
import { action as sectionAction } from "~/routes/partner/return-section";
import { prisma } from "~/utils/db.server";

const recorder = vi.hoisted(() => ({ on: false, sql: [] as string[] }));

// The app's one client, built with query events on: this file only.
vi.mock("~/generated/prisma/client", async (importOriginal) => {
  const actual = await importOriginal<typeof import("~/generated/prisma/client")>();
  function PrismaClient(options: ConstructorParameters<typeof actual.PrismaClient>[0]) {
    const client = new actual.PrismaClient({
      ...options,
      log: [{ emit: "event", level: "query" }],
    });
    client.$on("query", (event) => {
      if (recorder.on) recorder.sql.push(event.query);
    });
    return client;
  }
  return { ...actual, PrismaClient };
});

let campaignId: string;
let uploads: string;
beforeAll(async () => {
  uploads = await mkdtemp(path.join(os.tmpdir(), "section-action-test-"));
  process.env.UPLOAD_DIR = uploads;
  const campaign = await createAttachmentsCampaign();
  campaignId = campaign.id;
  // As on a running server: the template has been parsed before.
  await definitionOfTemplate(
    await prisma.questionnaireTemplate.findUniqueOrThrow({ where: { id: campaign.templateId } }),
  );
});
afterAll(async () => {
  delete process.env.UPLOAD_DIR;
  await rm(uploads, { recursive: true, force: true });
});
beforeEach(() => {
  recorder.sql = [];
});

async function post(
  action: typeof sectionAction | typeof autosaveAction,
  fields: FormData,
  campaign = campaignId,
  version: string | null = "0",
) {
  const { current, returnId, sectionId } = await createPartnerReturn(campaign);
  const secret = await prisma.$transaction((tx) => createSession(tx, current.user.id));
  const path = `/fr/partner/returns/${returnId}/sections/${sectionId}`;
  const url = `http://127.0.0.1:3000${action === autosaveAction ? `${path}/autosave` : path}`;
  if (version !== null) fields.set("_version", version);
  const request = new Request(url, {
    method: "POST",
    body: fields,
    headers: { cookie: await sessionRequestCookie(secret), origin: "http://127.0.0.1:3000" },
  });
  recorder.on = true;
  const answer: unknown = await action({
    request,
    params: { lang: "fr", returnId, sectionId },
  } as never).catch((thrown: unknown) => thrown);
  recorder.on = false;
  const section = await prisma.returnSection.findUniqueOrThrow({ where: { id: sectionId } });
  const files = await prisma.attachment.count({ where: { sectionId } });
  return { answer, section, files };
}

/** The request's statements that read this table. */
const reads = (table: string) =>
  recorder.sql.filter((q) => q.startsWith(`SELECT "public"."${table}".`)).length;

const definitionReads = () =>
  recorder.sql.filter((q) => q.includes('"QuestionnaireTemplate"."definition"')).length;

/** The section's return and its template row: once each; the definition from the cache. */
function expectOneLoad() {
  expect(reads("AnnualReturn")).toBe(1);
  expect(reads("QuestionnaireTemplate")).toBe(1);
  expect(definitionReads()).toBe(0);
}

function form(entries: Record<string, string>) {
  const fields = new FormData();
  for (const [name, value] of Object.entries(entries)) fields.set(name, value);
  return fields;
}

describe("a post to a section page", () => {
  it("completing a section loads the return and its template once", async () => {
    const { answer, section } = await post(
      sectionAction,
      form({ _intent: "complete", remarks: "Rapport annuel" }),
    );
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(302);
    expect(section).toMatchObject({ status: "COMPLETED", version: 1 });
    expectOneLoad();
  });

  it("an upload saves the answers and adds the file, loading the return once", async () => {
    const fields = form({ _intent: "upload:documents", remarks: "Avec pièce" });
    fields.set("_file.documents", new File([samplePdf], "rapport.pdf"));
    const { answer, section, files } = await post(sectionAction, fields);
    expect((answer as Response).status).toBe(302);
    expect(section).toMatchObject({ status: "IN_PROGRESS", version: 1 });
    expect(files).toBe(1);
    expectOneLoad();
  });

  it("an autosave loads the return once", async () => {
    const { answer, section } = await post(autosaveAction, form({ remarks: "Brouillon" }));
    expect((answer as Response).status).toBe(200);
    expect(section).toMatchObject({ status: "IN_PROGRESS", version: 1 });
    expectOneLoad();
  });

  it("reads a template's definition once when this process has not parsed it yet", async () => {
    const fresh = await createAttachmentsCampaign();
    const { section } = await post(autosaveAction, form({ remarks: "Brouillon" }), fresh.id);
    expect(section.version).toBe(1);
    expect(reads("AnnualReturn")).toBe(1);
    expect(definitionReads()).toBe(1);
    expect(reads("QuestionnaireTemplate")).toBe(2);
  });
});

describe("a post without the version its form was drawn from", () => {
  // Number(null) is 0: a post with no version, or an empty one, used to save as if drawn from
  // version 0 (on a new section, over whatever it then held).
  it.each([
    ["the section page", null, sectionAction],
    ["the section page", "", sectionAction],
    ["the autosave", null, autosaveAction],
    ["the autosave", " 1", autosaveAction],
  ] as const)(
    "%s refuses it with a 400, nothing saved (version %j)",
    async (_, version, action) => {
      const { answer, section } = await post(
        action,
        form({ _intent: "draft", remarks: "Sans version" }),
        campaignId,
        version,
      );
      const status =
        answer instanceof Response
          ? answer.status
          : (answer as { init?: { status?: number } }).init?.status;
      expect(status).toBe(400);
      expect(section).toMatchObject({ version: 0, answers: {} });
    },
  );
});

describe("an autosave on a return that no longer takes changes", () => {
  it.each([
    ["SUBMITTED", "locked"],
    ["APPROVED", "approved"],
  ] as const)("a %s return answers 409 %s, nothing saved", async (status, outcome) => {
    const { current, returnId, sectionId } = await createPartnerReturn(campaignId);
    await prisma.annualReturn.update({ where: { id: returnId }, data: { status } });
    const secret = await prisma.$transaction((tx) => createSession(tx, current.user.id));
    const fields = form({ _version: "0", remarks: "Trop tard" });
    const request = new Request(
      `http://127.0.0.1:3000/fr/partner/returns/${returnId}/sections/${sectionId}/autosave`,
      {
        method: "POST",
        body: fields,
        headers: { cookie: await sessionRequestCookie(secret), origin: "http://127.0.0.1:3000" },
      },
    );
    const answer = await autosaveAction({
      request,
      params: { lang: "fr", returnId, sectionId },
    } as never);
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(409);
    expect(await (answer as Response).json()).toEqual({ outcome });
    const section = await prisma.returnSection.findUniqueOrThrow({ where: { id: sectionId } });
    expect(section).toMatchObject({ version: 0, answers: {} });
  });
});
