// Saving a section's answers: drafts (autosave, "save and come back later") and completion
// ("save and continue"), with optimistic concurrency. Nothing is half-saved: each save is
// one conditional UPDATE on (id, version) inside a transaction.
import type { Prisma } from "~/generated/prisma/client";
import { auditSectionRef, recordReturnAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import type { Language } from "~/modules/i18n/languages";
import type { AnswerError } from "~/modules/questionnaires/answer-errors";
import type { RawAnswers } from "~/modules/questionnaires/answers";
import { attachmentsByQuestion, checkAnswers } from "~/modules/questionnaires/check-answers";
import { sanitizeRawAnswers } from "~/modules/questionnaires/raw-answers";
import type { SectionDefinition } from "~/modules/questionnaires/definition";
import { definitionOfTemplate, readDefinition } from "~/modules/questionnaires/templates.server";
import { prisma, type Tx } from "~/utils/db.server";
import { planMeasureCodes } from "./access.server";
import { removeStoredFiles } from "./stored-files.server";
import { lockReturnForEdit, startReturnOnFirstEdit } from "./lock.server";
import { POSITION } from "./positions";
import { contributionsRefusal, isOverForPartner, sectionEditRefusal } from "./status";

export type SaveMode = "draft" | "complete";

export type SaveOutcome =
  | { outcome: "saved"; version: number; savedAt: Date; status: "IN_PROGRESS" | "COMPLETED" }
  | { outcome: "invalid"; version: number; savedAt: Date; errors: AnswerError[] }
  | {
      outcome: "conflict";
      theirs: {
        answers: RawAnswers;
        version: number;
        updatedAt: Date;
        updatedBy: string | null;
        /** Saved by the same person (another tab or window), not by someone else. */
        byYou: boolean;
      };
    }
  | { outcome: "locked" }
  /** Approved data is locked until an administrator reopens it: the edit is a conflict (409). */
  | { outcome: "approved" }
  | { outcome: "closed" }
  /** The return is sent back for changes on other sections: this one stays as reviewed. */
  | { outcome: "not-sent-back" }
  | { outcome: "not-found" };

/** The section, only if it belongs to one of the caller's organisations' returns. */
export async function findEditableSection(
  db: Tx | typeof prisma,
  current: CurrentUser,
  returnId: string,
  sectionId: string,
) {
  return db.returnSection.findFirst({
    where: {
      id: sectionId,
      returnId,
      annualReturn: { organisationId: { in: current.organisationIds } },
    },
    include: {
      annualReturn: {
        include: {
          // Not the definition's JSON: the parsed definition is cached by checksum.
          template: { select: { id: true, checksum: true } },
          campaign: true,
        },
      },
      attachments: { select: { id: true, questionId: true } },
      measure: { select: { code: true } },
      mission: { select: { code: true } },
    },
  });
}

/**
 * The section a partner's post is about, with its return, campaign and template section: loaded
 * once per request and handed to each step (save, upload), which re-reads under the return's
 * lock only what a concurrent write can change (the section's version, answers and files).
 */
export async function findSectionToFill(current: CurrentUser, returnId: string, sectionId: string) {
  const section = await findEditableSection(prisma, current, returnId, sectionId);
  if (!section) return null;
  const template = await definitionOfTemplate(section.annualReturn.template);
  return { section, definition: sectionDefinitionOf(template, section.templateSection) };
}

export type SectionToFill = NonNullable<Awaited<ReturnType<typeof findSectionToFill>>>;

export function sectionDefinitionOf(
  templateDefinition: ReturnType<typeof readDefinition>,
  templateSection: string,
): SectionDefinition {
  const section = templateDefinition.sections.find((s) => s.id === templateSection);
  if (!section) throw new Error(`Template has no section "${templateSection}"`);
  return section;
}

export async function saveSection(input: {
  current: CurrentUser;
  returnId: string;
  sectionId: string;
  baseVersion: number;
  answers: unknown;
  mode: SaveMode;
  language: Language;
}): Promise<SaveOutcome> {
  const target = await findSectionToFill(input.current, input.returnId, input.sectionId);
  if (!target) return { outcome: "not-found" };
  return saveSectionAnswers({ ...input, target });
}

/** saveSection for a section the request has already loaded (findSectionToFill). */
export async function saveSectionAnswers(input: {
  current: CurrentUser;
  target: SectionToFill;
  baseVersion: number;
  answers: unknown;
  mode: SaveMode;
  language: Language;
}): Promise<SaveOutcome> {
  const { section, definition } = input.target;
  return prisma.$transaction(async (tx) => {
    const lock = await lockReturnForEdit(tx, section.returnId);
    // Under the lock: what a concurrent save, upload or removal may have changed since.
    const stored = await tx.returnSection.findUnique({
      where: { id: section.id },
      select: {
        version: true,
        answers: true,
        status: true,
        updatedAt: true,
        updatedById: true,
        updatedBy: { select: { displayName: true } },
        attachments: { select: { id: true, questionId: true } },
        changesRequestedAt: true,
      },
    });
    if (!lock || !stored) return { outcome: "not-found" as const };
    const refusal = sectionEditRefusal(lock.annualReturn, lock.campaign, stored);
    // Past the grace period, the partner reads the same "no longer taken" answer as closed.
    if (isOverForPartner(refusal)) return { outcome: "closed" as const };
    if (refusal === "approved") return { outcome: "approved" as const };
    if (refusal === "not-sent-back") return { outcome: "not-sent-back" as const };
    if (refusal) return { outcome: "locked" as const };
    const raw = sanitizeRawAnswers(definition.questions, input.answers);

    // An older base with exactly the answers already saved is no conflict: it is the same
    // text arriving twice (a page's last save on leaving, racing the next page's first one).
    // Anything else is, even from the same person in another tab, never a silent overwrite;
    // `byYou` lets the page say "you saved this elsewhere" rather than "someone else".
    if (stored.version !== input.baseVersion && canonical(stored.answers) !== canonical(raw)) {
      return {
        outcome: "conflict" as const,
        theirs: {
          answers: stored.answers as RawAnswers,
          version: stored.version,
          updatedAt: stored.updatedAt,
          updatedBy: stored.updatedBy?.displayName ?? null,
          byYou: stored.updatedById === input.current.user.id,
        },
      };
    }

    const { errors } =
      input.mode === "complete"
        ? checkAnswers(definition.questions, raw, {
            // Inside the transaction: PGlite has a single connection.
            measureCodes: await planMeasureCodes(section.annualReturn.campaign.planId, tx),
            attachmentsByQuestion: attachmentsByQuestion(stored.attachments),
          })
        : { errors: [] as AnswerError[] };
    const status = input.mode === "complete" && errors.length === 0 ? "COMPLETED" : "IN_PROGRESS";
    const savedAt = new Date();
    const updated = await tx.returnSection.updateMany({
      where: { id: section.id, version: stored.version },
      data: {
        answers: raw as Prisma.InputJsonValue,
        answersLanguage: input.language,
        status,
        version: { increment: 1 },
        updatedById: input.current.user.id,
        updatedAt: savedAt,
      },
    });
    if (updated.count !== 1) {
      // Someone saved between our read and our write.
      const fresh = await tx.returnSection.findUniqueOrThrow({
        where: { id: section.id },
        include: { updatedBy: { select: { displayName: true } } },
      });
      return {
        outcome: "conflict" as const,
        theirs: {
          answers: fresh.answers as RawAnswers,
          version: fresh.version,
          updatedAt: fresh.updatedAt,
          updatedBy: fresh.updatedBy?.displayName ?? null,
          byYou: fresh.updatedById === input.current.user.id,
        },
      };
    }
    await startReturnOnFirstEdit(tx, lock);
    // Only changes of status: a draft autosave every few seconds is not an event.
    const change = statusChange(stored.status, status);
    if (change) {
      await recordReturnAudit(tx, {
        action: change,
        actorUserId: input.current.user.id,
        organisationId: section.annualReturn.organisationId,
        returnId: section.returnId,
        details: { ...auditSectionRef(section), status },
      });
    }
    const version = stored.version + 1;
    if (errors.length > 0) return { outcome: "invalid" as const, version, savedAt, errors };
    return { outcome: "saved" as const, version, savedAt, status };
  });
}

function statusChange(before: string, after: "IN_PROGRESS" | "COMPLETED") {
  if (before === after) return null;
  if (after === "COMPLETED") return "return.section-completed" as const;
  return before === "COMPLETED"
    ? ("return.section-reopened" as const)
    : ("return.section-started" as const);
}

/** JSON with keys sorted: jsonb columns give keys back in their own order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** C. The partner adds a contribution to any measure of the plan, outside its fundings. */
export async function addOtherContribution(input: {
  current: CurrentUser;
  returnId: string;
  measureCode: string;
}) {
  return prisma.$transaction(async (tx) => {
    const annualReturn = await tx.annualReturn.findFirst({
      where: { id: input.returnId, organisationId: { in: input.current.organisationIds } },
      include: { campaign: true, template: true },
    });
    if (!annualReturn) return { outcome: "not-found" as const };
    const lock = await lockReturnForEdit(tx, annualReturn.id);
    if (!lock) return { outcome: "not-found" as const };
    const refusal = contributionsRefusal(lock.annualReturn, lock.campaign);
    // Past the grace period, the partner reads the same "no longer taken" answer as closed.
    if (isOverForPartner(refusal)) return { outcome: "closed" as const };
    if (refusal === "sent-back") return { outcome: "sent-back" as const };
    if (refusal) return { outcome: "locked" as const };
    const measure = await tx.measure.findUnique({
      where: { planId_code: { planId: annualReturn.campaign.planId, code: input.measureCode } },
    });
    if (!measure) return { outcome: "invalid-measure" as const };
    const definition = readDefinition(annualReturn.template);
    const section = definition.sections.find((s) => s.repeat === "otherContribution");
    if (!section) return { outcome: "not-allowed" as const };
    const slotKey = `C:${measure.id}`;
    const existing = await tx.returnSection.findUnique({
      where: { returnId_slotKey: { returnId: annualReturn.id, slotKey } },
    });
    if (existing) return { outcome: "exists" as const, sectionId: existing.id };
    // After the last contribution, never on a position a removed one left free.
    const last = await tx.returnSection.aggregate({
      where: { returnId: annualReturn.id, kind: "OTHER_CONTRIBUTION" },
      _max: { position: true },
    });
    const created = await tx.returnSection.create({
      data: {
        returnId: annualReturn.id,
        slotKey,
        kind: "OTHER_CONTRIBUTION",
        templateSection: section.id,
        position: (last._max.position ?? POSITION.otherContribution - 1) + 1,
        origin: "PARTNER",
        measureId: measure.id,
      },
    });
    await startReturnOnFirstEdit(tx, lock);
    await recordReturnAudit(tx, {
      action: "return.contribution-added",
      actorUserId: input.current.user.id,
      organisationId: annualReturn.organisationId,
      returnId: annualReturn.id,
      details: { ...auditSectionRef({ ...created, measure }) },
    });
    return { outcome: "created" as const, sectionId: created.id };
  });
}

/** Removes a contribution the partner added (never a funded block). */
export async function removeOtherContribution(input: {
  current: CurrentUser;
  returnId: string;
  sectionId: string;
}) {
  const result = await prisma.$transaction(async (tx) => {
    const section = await findEditableSection(tx, input.current, input.returnId, input.sectionId);
    if (!section || section.kind !== "OTHER_CONTRIBUTION") return { outcome: "not-found" as const };
    const lock = await lockReturnForEdit(tx, section.returnId);
    if (!lock) return { outcome: "not-found" as const };
    const refusal = contributionsRefusal(lock.annualReturn, lock.campaign);
    // Past the grace period, the partner reads the same "no longer taken" answer as closed.
    if (isOverForPartner(refusal)) return { outcome: "closed" as const };
    if (refusal === "sent-back") return { outcome: "sent-back" as const };
    if (refusal) return { outcome: "locked" as const };
    const files = await tx.attachment.findMany({
      where: { sectionId: section.id },
      select: { storageKey: true },
    });
    await tx.returnSection.delete({ where: { id: section.id } });
    await recordReturnAudit(tx, {
      action: "return.contribution-removed",
      actorUserId: input.current.user.id,
      organisationId: section.annualReturn.organisationId,
      returnId: section.returnId,
      details: { ...auditSectionRef(section) },
    });
    return { outcome: "removed" as const, storageKeys: files.map((f) => f.storageKey) };
  });
  // Files go once the rows are gone for good (the database cascade removed the rows).
  if (result.outcome === "removed") await removeStoredFiles(result.storageKeys);
  return result;
}
