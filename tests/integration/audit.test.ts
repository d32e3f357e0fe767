// The audit trail: every state change writes its row in the same transaction as the change
// (a failure after the row rolls the row back; a failing row rolls the change back), the rows
// hold ids, codes and counts but no typed text, names or emails, and the database itself
// refuses to change or delete them, while erasing a user still works and pseudonymises.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createOrganisation, createPartnerUser, createStaffUser } from "../fixtures/factories";
import { samplePdf } from "../fixtures/files/synthetic";
import {
  createCampaign,
  createFundedPartner,
  createFunding,
  fillReturn,
  sectionsOf,
  seedWorld,
  validAnswers,
} from "../fixtures/returns";
import type { Campaign } from "~/generated/prisma/client";
import { confirmLogin, requestLoginLink, settleLoginLinks } from "~/modules/auth/magic-link.server";
import { endSession, type CurrentUser } from "~/modules/auth/session.server";
import { sessionRequestCookie } from "../fixtures/sessions";
import { createCampaign as createCampaignAsStaff } from "~/modules/campaigns/campaigns.server";
import { generateReturns, planGeneration } from "~/modules/campaigns/generation.server";
import {
  importTemplate,
  publishTemplateVersion,
} from "~/modules/questionnaires/templates-admin.server";
import { addAttachment, removeAttachment } from "~/modules/returns/attachments.server";
import {
  addOtherContribution,
  removeOtherContribution,
  saveSection,
  type SaveMode,
} from "~/modules/returns/sections.server";
import { submitReturn } from "~/modules/returns/submit.server";
import { prisma, type Tx } from "~/utils/db.server";

const NARRATIVE = "Récit confidentiel : Madame Dupont a suivi le trajet d'accompagnement.";
const FILE_NAME = "Dossier Dupont.pdf";

let campaign: Campaign;
beforeAll(async () => {
  await seedWorld();
  campaign = await createCampaign(2023);
}, 120_000);

let uploads: string;
beforeEach(async () => {
  uploads = await mkdtemp(path.join(os.tmpdir(), "audit-test-"));
  process.env.UPLOAD_DIR = uploads;
});
afterEach(async () => {
  vi.restoreAllMocks();
  delete process.env.UPLOAD_DIR;
  await rm(uploads, { recursive: true, force: true });
});

const returnRows = (returnId: string) =>
  prisma.auditEvent.findMany({
    where: { targetType: "AnnualReturn", targetId: returnId },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
  });

async function fundedBlock(current: CurrentUser, returnId: string) {
  const block = (await sectionsOf(returnId)).find((s) => s.kind === "FUNDED_MEASURE")!;
  const save = async (mode: SaveMode, answers: Record<string, unknown>) => {
    const fresh = await prisma.returnSection.findUniqueOrThrow({ where: { id: block.id } });
    return saveSection({
      current,
      returnId,
      sectionId: block.id,
      baseVersion: fresh.version,
      answers,
      mode,
      language: "fr",
    });
  };
  return { block, save };
}

const upload = (current: CurrentUser, returnId: string, sectionId: string) =>
  addAttachment({
    current,
    returnId,
    sectionId,
    questionId: "documents",
    file: new File([new Uint8Array(samplePdf)], FILE_NAME, { type: "application/pdf" }),
    maxFiles: 5,
  });

describe("what is audited", () => {
  it("each change of a return writes one row on the return, naming the section by its codes", async () => {
    const { organisation, user, current, returnId } = await createFundedPartner(campaign.id);
    const { block, save } = await fundedBlock(current, returnId);
    const blockRef = {
      sectionId: block.id,
      templateSection: "contribution",
      measureCode: block.measure!.code,
    };
    const valid = validAnswers(block.definition.questions, "2.1");

    await save("draft", { actions: NARRATIVE });
    await save("draft", { actions: `${NARRATIVE} (suite)` }); // no change of status: no row
    await save("complete", { ...valid, actions: NARRATIVE });
    await save("draft", { ...valid, actions: NARRATIVE }); // back to in progress
    const added = await upload(current, returnId, block.id);
    if (added.outcome !== "added") throw new Error(added.outcome);
    const removed = await removeAttachment({
      current,
      returnId,
      sectionId: block.id,
      attachmentId: added.attachment.id,
    });
    expect(removed.outcome).toBe("removed");
    const contribution = await addOtherContribution({ current, returnId, measureCode: "3.1" });
    if (contribution.outcome !== "created") throw new Error(contribution.outcome);
    await removeOtherContribution({ current, returnId, sectionId: contribution.sectionId });
    await fillReturn(current, returnId);
    const key = randomBytes(18).toString("base64url");
    const submitted = await submitReturn({
      current,
      returnId,
      submissionKey: key,
      language: "fr",
      baseUrl: "http://127.0.0.1:3000",
    });
    expect(submitted.outcome).toBe("submitted");

    const rows = await returnRows(returnId);
    const sectionCount = (await sectionsOf(returnId)).length;
    expect(rows.map((r) => r.action)).toEqual([
      "return.generated",
      "return.section-started",
      "return.section-completed",
      "return.section-reopened",
      "return.attachment-added",
      "return.attachment-removed",
      "return.contribution-added",
      "return.contribution-removed",
      // fillReturn completes every section, the block again included.
      ...Array<string>(sectionCount).fill("return.section-completed"),
      "return.submitted",
    ]);
    for (const row of rows) expect(row.organisationId).toBe(organisation.id);
    expect(rows[0]).toMatchObject({
      actorUserId: null,
      details: { campaignId: campaign.id, returnCreated: true, automatic: true },
    });
    for (const row of rows.slice(1)) expect(row.actorUserId).toBe(user.id);
    expect(rows[1]!.details).toEqual({ ...blockRef, status: "IN_PROGRESS" });
    expect(rows[2]!.details).toEqual({ ...blockRef, status: "COMPLETED" });
    expect(rows[3]!.details).toEqual({ ...blockRef, status: "IN_PROGRESS" });
    expect(rows[4]!.details).toMatchObject({
      ...blockRef,
      attachmentId: added.attachment.id,
      questionId: "documents",
      mimeType: "application/pdf",
    });
    expect(rows[5]!.details).toMatchObject({ ...blockRef, attachmentId: added.attachment.id });
    const contributionRef = {
      sectionId: contribution.sectionId,
      templateSection: "otherContribution",
      measureCode: "3.1",
    };
    expect(rows[6]!.details).toEqual(contributionRef);
    expect(rows[7]!.details).toEqual(contributionRef);
    // The campaign of 2023 was due on 31 March 2024.
    expect(rows.at(-1)!.details).toMatchObject({ sections: sectionCount, late: true });

    // Ids, codes, statuses and counts only: no answers, file names, emails or tokens.
    const stored = JSON.stringify(rows);
    for (const secret of [NARRATIVE, "Dupont", user.email, key, user.displayName]) {
      expect(stored).not.toContain(secret);
    }
  });

  it("logins and logouts, with the session change in the same transaction", async () => {
    const organisation = await createOrganisation();
    const user = await createPartnerUser([organisation.id]);
    const token = async () => {
      await requestLoginLink({
        email: user.email,
        lang: "fr",
        clientIp: "10.9.0.1",
        baseUrl: "http://127.0.0.1:3000",
      });
      await settleLoginLinks();
      const mail = await prisma.outboxEmail.findFirstOrThrow({
        where: { toEmail: user.email, purpose: "login-link" },
        orderBy: { createdAt: "desc" },
      });
      return new URL((mail.payload as { link: string }).link).searchParams.get("token")!;
    };
    const count = (action: string) =>
      prisma.auditEvent.count({ where: { action, actorUserId: user.id } });
    const login = await confirmLogin(await token());
    if (!login.ok) throw new Error(login.reason);
    expect(await count("auth.login")).toBe(1);

    const logout = new Request("http://127.0.0.1:3000/fr/logout", {
      method: "POST",
      headers: { cookie: await sessionRequestCookie(login.sessionSecret) },
    });
    await failAuditWrites("auth.logout");
    try {
      await expect(endSession(logout)).rejects.toThrow(/audit write refused for the test/);
    } finally {
      await failAuditWrites(null);
    }
    // The session survived the refused row: a logout is never half done.
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
    expect(await endSession(logout)).toBe(user.id);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await count("auth.logout")).toBe(1);

    await failAuditWrites("auth.login");
    try {
      await expect(confirmLogin(await token())).rejects.toThrow(/audit write refused/);
    } finally {
      await failAuditWrites(null);
    }
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await count("auth.login")).toBe(1);
    // Audit rows of logins carry the user's id, never the address or the token.
    const rows = await prisma.auditEvent.findMany({ where: { actorUserId: user.id } });
    expect(JSON.stringify(rows)).not.toContain(user.email);
  });

  it("a submission before the due date is not marked late", async () => {
    const onTime = await createCampaign(2040); // due on 31 March 2041
    const { current, returnId } = await createFundedPartner(onTime.id);
    await fillReturn(current, returnId);
    const submitted = await submitReturn({
      current,
      returnId,
      submissionKey: randomBytes(18).toString("base64url"),
      language: "nl",
      baseUrl: "http://127.0.0.1:3000",
    });
    expect(submitted.outcome).toBe("submitted");
    const [row] = (await returnRows(returnId)).filter((r) => r.action === "return.submitted");
    expect(row!.details).toMatchObject({ late: false });
  });

  it("campaign creation, generation runs (with counts) and template import/publication", async () => {
    const staff = await createStaffUser("ADMIN");
    const template = await prisma.questionnaireTemplate.findFirstOrThrow({
      where: { status: "PUBLISHED" },
    });
    const created = await createCampaignAsStaff(
      {
        year: 2024,
        templateId: template.id,
        titleFr: "Rapport annuel 2024",
        titleNl: "Jaarverslag 2024",
        opensAt: "2025-01-15",
        dueAt: "2025-03-31",
      },
      staff.id,
    );
    if (created.outcome !== "created") throw new Error(created.outcome);
    expect(
      await prisma.auditEvent.findMany({
        where: { action: "campaign.created", targetType: "Campaign", targetId: created.campaignId },
      }),
    ).toEqual([
      expect.objectContaining({
        actorUserId: staff.id,
        details: expect.objectContaining({ year: 2024, templateId: template.id }),
      }),
    ]);

    const organisation = await createOrganisation();
    await createFunding(organisation.id, {
      channel: "ASBL_CALL",
      startYear: 2024,
      measures: [["2.1", "PRIMARY"]],
    });
    const result = await generateReturns(created.campaignId, staff.id);
    expect(result.createdReturns).toBeGreaterThan(0);
    const run = await prisma.auditEvent.findMany({
      where: { action: "campaign.generated", targetId: created.campaignId },
    });
    expect(run).toEqual([
      expect.objectContaining({
        actorUserId: staff.id,
        details: expect.objectContaining({
          year: 2024,
          createdReturns: result.createdReturns,
          createdSections: result.createdSections,
        }),
      }),
    ]);
    const perReturn = await prisma.auditEvent.findMany({
      where: {
        action: "return.generated",
        details: { path: ["campaignId"], equals: created.campaignId },
      },
    });
    expect(perReturn).toHaveLength(result.createdReturns);
    expect(
      perReturn.reduce((n, r) => n + (r.details as { createdSections: number }).createdSections, 0),
    ).toBe(result.createdSections);
    for (const row of perReturn)
      expect(row).toMatchObject({ actorUserId: staff.id, targetType: "AnnualReturn" });
    // A second run creates nothing and says so: no per-return rows, one run row with zeros.
    await generateReturns(created.campaignId, staff.id);
    expect(
      await prisma.auditEvent.count({
        where: {
          action: "return.generated",
          details: { path: ["campaignId"], equals: created.campaignId },
        },
      }),
    ).toBe(result.createdReturns);
    expect(
      await prisma.auditEvent.count({
        where: { action: "campaign.generated", targetId: created.campaignId },
      }),
    ).toBe(2);

    const imported = await importTemplate({
      text: JSON.stringify(smallTemplate(`audit-${randomBytes(3).toString("hex")}`)),
      sourceName: "modele.json",
      publish: false,
      actorUserId: staff.id,
    });
    if (imported.outcome !== "imported") throw new Error(imported.outcome);
    await publishTemplateVersion({ templateId: imported.templateId, actorUserId: staff.id });
    const templateRows = await prisma.auditEvent.findMany({
      where: { targetType: "QuestionnaireTemplate", targetId: imported.templateId },
      orderBy: { occurredAt: "asc" },
    });
    expect(templateRows.map((r) => [r.action, r.actorUserId])).toEqual([
      ["template.imported", staff.id],
      ["template.published", staff.id],
    ]);
  });
});

function smallTemplate(key: string) {
  return {
    key,
    title: { fr: "Modèle d'essai", nl: "Testsjabloon" },
    sections: [
      {
        id: "main",
        repeat: "once",
        title: { fr: "Partie", nl: "Deel" },
        questions: [{ id: "status", kind: "shortText", label: { fr: "État", nl: "Stand" } }],
      },
    ],
  };
}

/**
 * Each use case, with what it changes and a check that nothing of it was kept. `action` is
 * the audit row it writes; `prepare` builds a fresh starting point for each run.
 */
interface Case {
  name: string;
  action: string;
  prepare(): Promise<{ run(): Promise<unknown>; unchanged(): Promise<void> }>;
}

async function partnerWithBlock() {
  const partner = await createFundedPartner(campaign.id);
  const { block } = await fundedBlock(partner.current, partner.returnId);
  return { ...partner, block };
}

let nextYear = 2030;
const cases: Case[] = [
  {
    name: "section completion",
    action: "return.section-completed",
    async prepare() {
      const { current, returnId, block } = await partnerWithBlock();
      return {
        run: () =>
          saveSection({
            current,
            returnId,
            sectionId: block.id,
            baseVersion: block.version,
            answers: validAnswers(block.definition.questions, "2.1"),
            mode: "complete",
            language: "fr",
          }),
        async unchanged() {
          const row = await prisma.returnSection.findUniqueOrThrow({ where: { id: block.id } });
          expect(row).toMatchObject({ status: "NOT_STARTED", version: block.version });
          expect(
            (await prisma.annualReturn.findUniqueOrThrow({ where: { id: returnId } })).status,
          ).toBe("NOT_STARTED");
        },
      };
    },
  },
  {
    name: "contribution added",
    action: "return.contribution-added",
    async prepare() {
      const { current, returnId } = await partnerWithBlock();
      return {
        run: () => addOtherContribution({ current, returnId, measureCode: "3.1" }),
        async unchanged() {
          expect(
            await prisma.returnSection.count({ where: { returnId, kind: "OTHER_CONTRIBUTION" } }),
          ).toBe(0);
        },
      };
    },
  },
  {
    name: "upload",
    action: "return.attachment-added",
    async prepare() {
      const { current, returnId, block } = await partnerWithBlock();
      return {
        run: () => upload(current, returnId, block.id),
        async unchanged() {
          expect(await prisma.attachment.count({ where: { returnId } })).toBe(0);
        },
      };
    },
  },
  {
    name: "submission",
    action: "return.submitted",
    async prepare() {
      const { current, returnId } = await partnerWithBlock();
      await fillReturn(current, returnId);
      return {
        run: () =>
          submitReturn({
            current,
            returnId,
            submissionKey: randomBytes(18).toString("base64url"),
            language: "fr",
            baseUrl: "http://127.0.0.1:3000",
          }),
        async unchanged() {
          const row = await prisma.annualReturn.findUniqueOrThrow({ where: { id: returnId } });
          expect(row).toMatchObject({ status: "IN_PROGRESS", submittedAt: null });
          expect(await prisma.submission.count({ where: { returnId } })).toBe(0);
          expect(
            await prisma.outboxEmail.count({
              where: { dedupeKey: { startsWith: `return-receipt:${returnId}:` } },
            }),
          ).toBe(0);
        },
      };
    },
  },
  {
    name: "campaign creation",
    action: "campaign.created",
    async prepare() {
      const staff = await createStaffUser("ADMIN");
      const template = await prisma.questionnaireTemplate.findFirstOrThrow({
        where: { status: "PUBLISHED" },
      });
      const year = nextYear++;
      return {
        run: () =>
          createCampaignAsStaff(
            {
              year,
              templateId: template.id,
              titleFr: `Rapport ${year}`,
              titleNl: `Verslag ${year}`,
              opensAt: `${year + 1}-01-15`,
              dueAt: `${year + 1}-03-31`,
            },
            staff.id,
          ),
        async unchanged() {
          expect(await prisma.campaign.count({ where: { year } })).toBe(0);
        },
      };
    },
  },
  {
    name: "generation run",
    action: "campaign.generated",
    async prepare() {
      const staff = await createStaffUser("ADMIN");
      const year = nextYear++;
      const fresh = await createCampaign(year);
      const organisation = await createOrganisation();
      await createFunding(organisation.id, {
        channel: "ASBL_CALL",
        startYear: year,
        measures: [["2.1", "PRIMARY"]],
      });
      expect((await planGeneration(fresh.id)).totals.newReturns).toBeGreaterThan(0);
      return {
        run: () => generateReturns(fresh.id, staff.id),
        async unchanged() {
          expect(await prisma.annualReturn.count({ where: { campaignId: fresh.id } })).toBe(0);
        },
      };
    },
  },
  {
    name: "template import",
    action: "template.imported",
    async prepare() {
      const staff = await createStaffUser("ADMIN");
      const key = `audit-${randomBytes(3).toString("hex")}`;
      return {
        run: () =>
          importTemplate({
            text: JSON.stringify(smallTemplate(key)),
            sourceName: null,
            publish: true,
            actorUserId: staff.id,
          }),
        async unchanged() {
          expect(await prisma.questionnaireTemplate.count({ where: { key } })).toBe(0);
        },
      };
    },
  },
];

describe("one transaction: the change and its audit row commit or roll back together", () => {
  it.each(cases)(
    "$name: a failure after the audit row leaves neither",
    async ({ action, prepare }) => {
      const { run, unchanged } = await prepare();
      const before = await prisma.auditEvent.count({ where: { action } });
      let seenInTransaction = 0;
      const original = prisma.$transaction.bind(prisma) as (
        fn: (tx: Tx) => Promise<unknown>,
        options?: unknown,
      ) => Promise<unknown>;
      vi.spyOn(prisma, "$transaction").mockImplementationOnce(((
        fn: (tx: Tx) => Promise<unknown>,
        options?: unknown,
      ) =>
        original(async (tx) => {
          await fn(tx);
          // The row was written by the use case, inside this very transaction...
          seenInTransaction = (await tx.auditEvent.count({ where: { action } })) - before;
          throw new Error("simulated failure after the audit write");
        }, options)) as never);
      await expect(run()).rejects.toThrow("simulated failure after the audit write");
      expect(seenInTransaction).toBe(1);
      // ...and went away with it.
      expect(await prisma.auditEvent.count({ where: { action } })).toBe(before);
      await unchanged();
    },
  );

  it.each(cases)(
    "$name: a failing audit write rolls the change back",
    async ({ action, prepare }) => {
      const { run, unchanged } = await prepare();
      await failAuditWrites(action);
      try {
        await expect(run()).rejects.toThrow(/audit write refused for the test/);
      } finally {
        await failAuditWrites(null);
      }
      await unchanged();
      // The same change goes through once the audit trail accepts rows again.
      await expect(run()).resolves.toBeDefined();
      expect(await prisma.auditEvent.count({ where: { action } })).toBeGreaterThan(0);
    },
  );
});

let failureTriggerInstalled = false;
/** Makes the database refuse audit rows of one action (null: accept them all again). */
async function failAuditWrites(action: string | null) {
  if (!failureTriggerInstalled) {
    await prisma.$executeRawUnsafe(`CREATE TABLE "TestAuditRefusal" ("action" TEXT PRIMARY KEY)`);
    await prisma.$executeRawUnsafe(`
      CREATE FUNCTION "test_refuse_audit"() RETURNS trigger AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM "TestAuditRefusal" WHERE "action" = NEW."action") THEN
          RAISE EXCEPTION 'audit write refused for the test';
        END IF;
        RETURN NEW;
      END;
      $$ LANGUAGE plpgsql`);
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER "test_refuse_audit" BEFORE INSERT ON "AuditEvent"
       FOR EACH ROW EXECUTE FUNCTION "test_refuse_audit"()`,
    );
    failureTriggerInstalled = true;
  }
  await prisma.$executeRawUnsafe(`DELETE FROM "TestAuditRefusal"`);
  if (action)
    await prisma.$executeRaw`INSERT INTO "TestAuditRefusal" ("action") VALUES (${action})`;
}

describe("append-only", () => {
  async function someRow() {
    const user = await createStaffUser("REVIEWER");
    return prisma.auditEvent.create({
      data: {
        action: "auth.login",
        actorUserId: user.id,
        organisationId: null,
        targetType: "User",
        targetId: user.id,
        details: { note: "kept" },
      },
    });
  }

  it("the database refuses UPDATE, DELETE and TRUNCATE of audit rows", async () => {
    const row = await someRow();
    const other = await createStaffUser("REVIEWER");
    const refused = /append-only/;
    await expect(
      prisma.$executeRaw`UPDATE "AuditEvent" SET "action" = 'auth.logout' WHERE "id" = ${row.id}`,
    ).rejects.toThrow(refused);
    await expect(
      prisma.$executeRaw`UPDATE "AuditEvent" SET "details" = '{}'::jsonb WHERE "id" = ${row.id}`,
    ).rejects.toThrow(refused);
    await expect(
      prisma.$executeRaw`UPDATE "AuditEvent" SET "occurredAt" = now() - interval '1 day' WHERE "id" = ${row.id}`,
    ).rejects.toThrow(refused);
    // Pointing a row at someone else is not pseudonymising it.
    await expect(
      prisma.auditEvent.update({ where: { id: row.id }, data: { actorUserId: other.id } }),
    ).rejects.toThrow(refused);
    // Nulling the actor while changing anything else is refused too.
    await expect(
      prisma.$executeRaw`UPDATE "AuditEvent" SET "actorUserId" = NULL, "targetId" = 'x' WHERE "id" = ${row.id}`,
    ).rejects.toThrow(refused);
    await expect(prisma.auditEvent.delete({ where: { id: row.id } })).rejects.toThrow(refused);
    await expect(
      prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${row.id}`,
    ).rejects.toThrow(refused);
    await expect(prisma.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(refused);
    expect(await prisma.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
    expect(await prisma.auditEvent.count()).toBeGreaterThan(1);
  });

  it("erasing a user still works: their rows stay, pseudonymised, and nothing else changes", async () => {
    const { user, current, returnId } = await createFundedPartner(campaign.id);
    const { save } = await fundedBlock(current, returnId);
    await save("draft", { actions: NARRATIVE });
    const session = await prisma.session.create({
      data: {
        id: randomBytes(16).toString("hex"),
        userId: user.id,
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    const before = await prisma.auditEvent.findMany({
      where: { actorUserId: user.id },
      orderBy: { id: "asc" },
    });
    expect(before.length).toBeGreaterThan(0);

    await prisma.user.delete({ where: { id: user.id } });

    const after = await prisma.auditEvent.findMany({
      where: { id: { in: before.map((r) => r.id) } },
      orderBy: { id: "asc" },
    });
    expect(after).toEqual(before.map((row) => ({ ...row, actorUserId: null })));
    expect(await prisma.session.count({ where: { id: session.id } })).toBe(0);
    const section = await prisma.returnSection.findFirstOrThrow({
      where: { returnId, updatedById: null, version: 1 },
    });
    expect(section.answers).toMatchObject({ actions: NARRATIVE });
  });
});
