import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asCurrentByEmail } from "../fixtures/factories";
import { startSmtpSink, type SmtpSink } from "../fixtures/smtp-sink";
import {
  createFundedPartner,
  fillReturn,
  returnState,
  sectionsOf,
  validAnswers,
} from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import { smtpTransport } from "~/modules/mail/transport.server";
import { deliverDueEmails } from "~/modules/mail/worker.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import type { Language } from "~/modules/i18n/languages";
import {
  addOtherContribution,
  removeOtherContribution,
  saveSection,
} from "~/modules/returns/sections.server";
import { submissionsOf } from "~/modules/returns/submissions.server";
import { submitReturn } from "~/modules/returns/submit.server";
import { prisma } from "~/utils/db.server";

const BASE_URL = "http://127.0.0.1:3000";
const newKey = () => randomBytes(18).toString("base64url");
const submit = (
  current: CurrentUser,
  returnId: string,
  key = newKey(),
  language: Language = "fr",
) => submitReturn({ current, returnId, submissionKey: key, language, baseUrl: BASE_URL });
const receipts = (returnId: string) =>
  prisma.outboxEmail.findMany({
    where: { purpose: "return-receipt", dedupeKey: { startsWith: `return-receipt:${returnId}:` } },
  });
const submittedAudits = (returnId: string) =>
  prisma.auditEvent.findMany({ where: { action: "return.submitted", targetId: returnId } });
const receiptSubject = (lang: Language, organisation: string) =>
  (
    JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, `../../locales/${lang}/emails.json`), "utf8"),
    ) as { returnReceipt: { subject: string } }
  ).returnReceipt.subject.replace("{{organisation}}", organisation);

const returnWorld = setUpReturnWorld({ year: 2023, generate: true });
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
});

/** A fresh partner's return, every section completed with valid answers. */
async function completeReturn(options: { language?: Language; withContribution?: boolean } = {}) {
  const world = await createFundedPartner(returnWorld.campaign.id, { language: options.language });
  if (options.withContribution)
    await addOtherContribution({
      current: world.current,
      returnId: world.returnId,
      measureCode: "3.1",
    });
  await fillReturn(world.current, world.returnId, { language: options.language });
  return world;
}

describe("submitting a return", () => {
  it("an incomplete return is not submitted: outcome incomplete, nothing changed", async () => {
    const { current, returnId } = await createFundedPartner(returnWorld.campaign.id);
    const sections = await sectionsOf(returnId);
    const [declaration, block] = [sections.at(-1)!, sections[1]!];
    await fillReturn(current, returnId, { except: [declaration.id, block.id] });
    // The funded block is answered, but only saved as a draft.
    await saveSection({
      current,
      returnId,
      sectionId: block.id,
      baseVersion: 0,
      answers: validAnswers(block.definition.questions),
      mode: "draft",
      language: "fr",
    });
    const before = await returnState(returnId);
    expect(await submit(current, returnId)).toEqual({
      outcome: "incomplete",
      sectionIds: [block.id, declaration.id],
    });
    expect(await returnState(returnId)).toEqual(before);
    expect(before).toMatchObject({ status: "IN_PROGRESS", submissionKey: null });
    expect(await prisma.submission.count({ where: { returnId } })).toBe(0);
    expect(await receipts(returnId)).toHaveLength(0);
    expect(await submittedAudits(returnId)).toHaveLength(0);
  });

  it("a complete return is submitted: state, checked snapshot, audit and receipt, together", async () => {
    const current = await asCurrentByEmail("demo.partenaire@example.org");
    const organisation = await prisma.organisation.findUniqueOrThrow({
      where: { slug: "zp-5339" },
    });
    const { id: returnId } = await prisma.annualReturn.findUniqueOrThrow({
      where: {
        campaignId_organisationId: {
          campaignId: returnWorld.campaign.id,
          organisationId: organisation.id,
        },
      },
    });
    await addOtherContribution({ current, returnId, measureCode: "3.1" });
    await fillReturn(current, returnId);
    const sections = await sectionsOf(returnId);
    const key = newKey();

    expect(await submit(current, returnId, key)).toEqual({ outcome: "submitted", returnId });

    const row = await returnState(returnId);
    expect(row).toMatchObject({
      status: "SUBMITTED",
      submittedById: current.user.id,
      submissionKey: key,
      language: "fr",
    });
    expect(row.submittedAt).toBeInstanceOf(Date);
    const [submission, ...more] = await submissionsOf(prisma, returnId);
    expect(more).toHaveLength(0);
    expect(submission).toMatchObject({
      number: 1,
      submittedById: current.user.id,
      submittedAt: row.submittedAt,
      late: true, // the demo's 2023 campaign was due on 31 March 2024
      language: "fr",
    });
    const snapshot = submission!.snapshot;
    expect(snapshot).toMatchObject({
      templateKey: "pgsp-annual-return",
      templateVersion: 1,
      campaignYear: 2023,
      organisationId: organisation.id,
    });
    expect(snapshot.sections.map((s) => s.slotKey)).toEqual(sections.map((s) => s.slotKey));
    const [a] = snapshot.sections;
    expect(a!.answers).toMatchObject({ detailsConfirmed: true });
    expect(a!.answers).not.toHaveProperty("corrections"); // hidden when the details are right
    const b51 = snapshot.sections.find((s) => s.measureCode === "5.1")!;
    expect(b51).toMatchObject({
      kind: "FUNDED_MEASURE",
      measureLink: "PRIMARY",
      answersLanguage: "fr",
    });
    expect(b51.fundingTitle).toContain("FSE 2022-2024");
    expect(b51.answers).toMatchObject({
      status: "done",
      peopleReached: 1250,
      staffFte: 12.5,
      startDate: "2023-03-15",
      figures: [{ label: "Réunions de coordination", value: 12.5, unit: "réunions" }],
      relatedMeasures: ["1.1"],
      documents: [],
    });
    expect(b51.answers).not.toHaveProperty("statusReason");
    expect(snapshot.sections.find((s) => s.kind === "OTHER_CONTRIBUTION")?.measureCode).toBe("3.1");

    const audits = await submittedAudits(returnId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorUserId: current.user.id,
      organisationId: organisation.id,
      targetType: "AnnualReturn",
      // The campaign of 2023 was due in March 2024: this submission is late.
      details: { sections: sections.length, late: true },
    });
    // The idempotency key is the client's token: it stays out of the audit trail.
    expect(JSON.stringify(audits[0]!.details)).not.toContain(key);

    const [receipt, ...others] = await receipts(returnId);
    expect(others).toHaveLength(0);
    expect(receipt).toMatchObject({
      template: "return-receipt",
      toEmail: current.user.email,
      language: row.language,
      status: "PENDING",
    });
    const payload = receipt!.payload as { sections: string[] } & Record<string, unknown>;
    expect(payload).toMatchObject({
      displayName: current.user.displayName,
      organisationName: organisation.nameFr,
      campaignTitle: returnWorld.campaign.titleFr,
      link: `${BASE_URL}/fr/partner/returns/${returnId}/print`,
    });
    expect(payload.sections).toHaveLength(sections.length);
    expect(payload.sections[0]).toBe("Organisation et personnes de contact");
    expect(payload.sections).toContain(`Mesure 5.1 – ${sections[1]!.measure!.titleFr}`);
  });

  it("a double submit (same key, concurrently) then another key makes exactly one submission", async () => {
    const { current, returnId } = await completeReturn();
    const key = newKey();
    const both = await Promise.all([
      submit(current, returnId, key),
      submit(current, returnId, key),
    ]);
    expect(both.map((r) => r.outcome).sort()).toEqual(["already-submitted", "submitted"]);
    expect(await submit(current, returnId, newKey())).toEqual({
      outcome: "already-submitted",
      returnId,
    });
    expect(await returnState(returnId)).toMatchObject({ status: "SUBMITTED", submissionKey: key });
    expect(await submittedAudits(returnId)).toHaveLength(1);
    expect(await receipts(returnId)).toHaveLength(1);
  });

  it("a submitted return is locked: no save, no contribution added or removed", async () => {
    const { current, returnId } = await completeReturn({ withContribution: true });
    expect((await submit(current, returnId)).outcome).toBe("submitted");
    const before = await returnState(returnId);
    const sections = await sectionsOf(returnId);
    for (const section of sections) {
      for (const mode of ["draft", "complete"] as const) {
        const result = await saveSection({
          current,
          returnId,
          sectionId: section.id,
          baseVersion: section.version,
          answers: validAnswers(section.definition.questions),
          mode,
          language: "fr",
        });
        expect(result).toEqual({ outcome: "locked" });
      }
    }
    expect(await addOtherContribution({ current, returnId, measureCode: "8.1" })).toEqual({
      outcome: "locked",
    });
    const contribution = sections.find((s) => s.kind === "OTHER_CONTRIBUTION")!;
    expect(
      await removeOtherContribution({ current, returnId, sectionId: contribution.id }),
    ).toEqual({ outcome: "locked" });
    expect(await returnState(returnId)).toEqual(before);
  });

  it("the worker delivers the receipt to a real SMTP server, in French or in Dutch", async () => {
    const fr = await completeReturn({ language: "fr" });
    const nlCurrent = await asCurrentByEmail("demo.partner@example.org");
    const zone5340 = await prisma.organisation.findUniqueOrThrow({ where: { slug: "zp-5340" } });
    const nlReturn = await prisma.annualReturn.findUniqueOrThrow({
      where: {
        campaignId_organisationId: {
          campaignId: returnWorld.campaign.id,
          organisationId: zone5340.id,
        },
      },
    });
    await fillReturn(nlCurrent, nlReturn.id, { language: "nl" });
    expect((await submit(fr.current, fr.returnId, newKey(), "fr")).outcome).toBe("submitted");
    expect((await submit(nlCurrent, nlReturn.id, newKey(), "nl")).outcome).toBe("submitted");

    const transport = smtpTransport(sink.url);
    try {
      const report = await deliverDueEmails(transport, { batchSize: 100 });
      expect(report.retried + report.dead).toBe(0);
    } finally {
      transport.close();
    }
    const to = (email: string) =>
      sink.messages.filter((m) => (m.to as { text: string } | undefined)?.text === email);
    const [frMail, ...frMore] = to(fr.user.email);
    expect(frMore).toHaveLength(0);
    expect(frMail?.subject).toBe(receiptSubject("fr", fr.organisation.nameFr));
    expect(frMail?.subject).toMatch(/^Accusé de réception/);
    expect(frMail?.html).toContain('lang="fr"');
    expect(frMail?.text).toContain(returnWorld.campaign.titleFr);
    const [nlMail, ...nlMore] = to(nlCurrent.user.email);
    expect(nlMore).toHaveLength(0);
    expect(nlMail?.subject).toBe(receiptSubject("nl", zone5340.nameNl));
    expect(nlMail?.subject).toMatch(/^Ontvangstbevestiging/);
    expect(nlMail?.html).toContain('lang="nl"');
    expect(nlMail?.text).toContain(returnWorld.campaign.titleNl);
    for (const id of [fr.returnId, nlReturn.id]) {
      expect((await receipts(id)).map((r) => r.status)).toEqual(["SENT"]);
    }
  });

  it("a crash after the state change rolls everything back; a retry submits once", async () => {
    const { current, returnId } = await completeReturn();
    const before = await returnState(returnId);
    // enqueueEmail upserts on the dedupe key, so a pre-existing row would not make it fail:
    // a trigger makes the receipt's INSERT, the last write of the transaction, raise.
    await prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION test_crash_on_receipt() RETURNS trigger AS $$
      BEGIN
        IF NEW.purpose = 'return-receipt' THEN
          RAISE EXCEPTION 'simulated crash while writing the receipt';
        END IF;
        RETURN NEW;
      END;
      $$ LANGUAGE plpgsql`);
    await prisma.$executeRawUnsafe(`
      CREATE TRIGGER test_crash_on_receipt BEFORE INSERT ON "OutboxEmail"
      FOR EACH ROW EXECUTE FUNCTION test_crash_on_receipt()`);
    const key = newKey();
    try {
      await expect(submit(current, returnId, key)).rejects.toThrow(/simulated crash/);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER test_crash_on_receipt ON "OutboxEmail"`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION test_crash_on_receipt()`);
    }
    const after = await returnState(returnId);
    expect(after).toEqual(before);
    expect(after).toMatchObject({ status: "IN_PROGRESS", submissionKey: null });
    expect(await prisma.submission.count({ where: { returnId } })).toBe(0);
    expect(await submittedAudits(returnId)).toHaveLength(0);
    expect(await receipts(returnId)).toHaveLength(0);

    expect(await submit(current, returnId, key)).toEqual({ outcome: "submitted", returnId });
    expect(await returnState(returnId)).toMatchObject({ status: "SUBMITTED", submissionKey: key });
    expect(await submittedAudits(returnId)).toHaveLength(1);
    expect(await receipts(returnId)).toHaveLength(1);
  });
});
