// Files attached to a return section. The attachment rows of (section, question) are the
// answer to an attachments question. Bytes live under uploadDir(), outside public/, named by
// a random storage key; they are only ever served by the authorised download route.
//
// A row never exists without its file, nor a file without its row: the bytes are written to a
// temporary file first, the row and its audit event are created in a transaction whose last
// step renames the temporary file into place, and any failure removes what was written.
import { createHash, randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { auditSectionRef, recordReturnAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { prisma } from "~/utils/db.server";
import { lockReturnForEdit, startReturnOnFirstEdit } from "./lock.server";
import { isOverForPartner, sectionEditRefusal } from "./status";
import { returnScope } from "./access.server";
import { detectFileType, safeFileName } from "./file-types.server";
import { findSectionToFill, type SectionToFill } from "./sections.server";
import { isStorageKey, removeStoredFiles, storagePath, uploadDir } from "./stored-files.server";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Body limit for an upload request: one file plus the multipart envelope and a few fields. */
export const MAX_UPLOAD_REQUEST_BYTES = MAX_ATTACHMENT_BYTES + 64 * 1024;

export type AttachmentError =
  "attachmentEmpty" | "attachmentType" | "attachmentSize" | "attachmentCount" | "attachmentName";

export type AddAttachmentOutcome =
  | {
      outcome: "added";
      attachment: { id: string; fileName: string; sizeBytes: number; mimeType: string };
    }
  | { outcome: "invalid"; error: AttachmentError }
  | { outcome: "not-found" }
  | { outcome: "locked" }
  | { outcome: "closed" }
  /** The return is sent back for changes on other sections: this one stays as reviewed. */
  | { outcome: "not-sent-back" };

export type RemoveAttachmentOutcome =
  | { outcome: "removed" }
  | { outcome: "not-found" }
  | { outcome: "locked" }
  | { outcome: "closed" }
  | { outcome: "not-sent-back" };

/** The outcome of a refused write to a section (sectionEditRefusal's reason). */
function refused(refusal: NonNullable<ReturnType<typeof sectionEditRefusal>>) {
  // Past the grace period, the partner reads the same "no longer taken" answer as closed.
  if (isOverForPartner(refusal)) return { outcome: "closed" as const };
  if (refusal === "not-sent-back") return { outcome: refusal };
  return { outcome: "locked" as const };
}

const invalid = (error: AttachmentError) => ({ outcome: "invalid" as const, error });

export async function addAttachment(input: {
  current: CurrentUser;
  returnId: string;
  sectionId: string;
  questionId: string;
  file: File;
  maxFiles: number;
}): Promise<AddAttachmentOutcome> {
  const target = await findSectionToFill(input.current, input.returnId, input.sectionId);
  if (!target) return { outcome: "not-found" };
  return attachFile({ ...input, target });
}

/** addAttachment for a section the request has already loaded (findSectionToFill). */
export async function attachFile(input: {
  current: CurrentUser;
  target: SectionToFill;
  questionId: string;
  file: File;
  maxFiles: number;
}): Promise<AddAttachmentOutcome> {
  const { current, questionId, file } = input;
  const { section, definition } = input.target;
  const returnId = section.returnId;
  // The question id comes from the client: it must be an attachments question of this section.
  const question = definition.questions.find((q) => q.id === questionId);
  if (question?.kind !== "attachments") return { outcome: "not-found" };
  const refusal = sectionEditRefusal(section.annualReturn, section.annualReturn.campaign, section);
  if (refusal) return refused(refusal);
  const attached = await prisma.attachment.count({ where: { sectionId: section.id, questionId } });
  if (attached >= input.maxFiles) return invalid("attachmentCount");
  if (file.size === 0) return invalid("attachmentEmpty");
  if (file.size > MAX_ATTACHMENT_BYTES) return invalid("attachmentSize");

  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength === 0) return invalid("attachmentEmpty");
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) return invalid("attachmentSize");
  const detected = detectFileType(bytes, file.name);
  if (!detected) return invalid("attachmentType");
  const fileName = safeFileName(file.name, detected);
  if (!fileName) return invalid("attachmentName");
  const sha256 = createHash("sha256").update(bytes).digest("hex");

  const storageKey = randomBytes(16).toString("hex");
  const finalPath = storagePath(storageKey);
  const tempPath = path.join(uploadDir(), `.tmp-${storageKey}`);
  await writeFile(tempPath, bytes, { flag: "wx", mode: 0o600 });
  try {
    return await prisma.$transaction(async (tx): Promise<AddAttachmentOutcome> => {
      const lock = await lockReturnForEdit(tx, returnId);
      if (lock === null) return { outcome: "not-found" };
      // The section may have been removed (partner contribution) since it was read, or sent
      // back for changes.
      const stored = await tx.returnSection.findUnique({
        where: { id: section.id },
        select: { changesRequestedAt: true },
      });
      if (!stored) return { outcome: "not-found" };
      const refusal = sectionEditRefusal(lock.annualReturn, lock.campaign, stored);
      if (refusal) return refused(refusal);
      const count = await tx.attachment.count({ where: { sectionId: section.id, questionId } });
      if (count >= input.maxFiles) return invalid("attachmentCount");
      const created = await tx.attachment.create({
        data: {
          returnId: section.returnId,
          sectionId: section.id,
          questionId,
          fileName,
          mimeType: detected.mimeType,
          sizeBytes: bytes.byteLength,
          sha256,
          storageKey,
          uploadedById: current.user.id,
        },
      });
      await startReturnOnFirstEdit(tx, lock);
      // No file name in the audit trail: names can be personal data.
      await recordReturnAudit(tx, {
        action: "return.attachment-added",
        actorUserId: current.user.id,
        organisationId: section.annualReturn.organisationId,
        returnId: section.returnId,
        details: {
          ...auditSectionRef(section),
          attachmentId: created.id,
          questionId,
          mimeType: detected.mimeType,
          sizeBytes: bytes.byteLength,
          sha256,
        },
      });
      // Last step: if the file cannot be put in place, the row is rolled back with it.
      await rename(tempPath, finalPath);
      return {
        outcome: "added",
        attachment: {
          id: created.id,
          fileName,
          sizeBytes: bytes.byteLength,
          mimeType: detected.mimeType,
        },
      };
    });
  } catch (error) {
    // The commit itself failed after the rename: the file must not outlive its row.
    await rm(finalPath, { force: true });
    throw error;
  } finally {
    await rm(tempPath, { force: true });
  }
}

export async function removeAttachment(input: {
  current: CurrentUser;
  returnId: string;
  sectionId: string;
  attachmentId: string;
}): Promise<RemoveAttachmentOutcome> {
  const { current } = input;
  const removed = await prisma.$transaction(async (tx) => {
    const attachment = await tx.attachment.findFirst({
      where: {
        id: input.attachmentId,
        sectionId: input.sectionId,
        returnId: input.returnId,
        annualReturn: { organisationId: { in: current.organisationIds } },
      },
      select: {
        id: true,
        questionId: true,
        storageKey: true,
        sha256: true,
        annualReturn: { select: { organisationId: true } },
        section: {
          select: {
            id: true,
            templateSection: true,
            measure: { select: { code: true } },
            mission: { select: { code: true } },
          },
        },
      },
    });
    if (!attachment) return { outcome: "not-found" as const };
    const lock = await lockReturnForEdit(tx, input.returnId);
    // Under the lock: whether the section is sent back changes only under it.
    const section = await tx.returnSection.findUnique({
      where: { id: attachment.section.id },
      select: { changesRequestedAt: true },
    });
    if (!lock || !section) return { outcome: "not-found" as const };
    const refusal = sectionEditRefusal(lock.annualReturn, lock.campaign, section);
    if (refusal) return refused(refusal);
    // A concurrent removal of the same file already deleted it: nothing left to do.
    const deleted = await tx.attachment.deleteMany({ where: { id: attachment.id } });
    if (deleted.count !== 1) return { outcome: "not-found" as const };
    await recordReturnAudit(tx, {
      action: "return.attachment-removed",
      actorUserId: current.user.id,
      organisationId: attachment.annualReturn.organisationId,
      returnId: input.returnId,
      details: {
        ...auditSectionRef(attachment.section),
        attachmentId: attachment.id,
        questionId: attachment.questionId,
        sha256: attachment.sha256,
      },
    });
    return { outcome: "removed" as const, storageKey: attachment.storageKey };
  });
  if (removed.outcome !== "removed") return removed;
  await removeStoredFiles([removed.storageKey]);
  return { outcome: "removed" };
}

/**
 * Deletes stored bytes whose rows are gone (e.g. after a section was deleted, which cascades
 * to its attachment rows). Call after the deleting transaction has committed.
 */
/** Partner: only its organisations' returns; staff (can(current.roles, "return:read-any")): any. */
export async function findAttachmentForUser(
  current: CurrentUser,
  returnId: string,
  attachmentId: string,
): Promise<{
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  absolutePath: string;
} | null> {
  const found = await prisma.attachment.findFirst({
    where: { id: attachmentId, returnId, annualReturn: returnScope(current) },
    select: { id: true, fileName: true, mimeType: true, sizeBytes: true, storageKey: true },
  });
  if (!found || !isStorageKey(found.storageKey)) return null;
  const { storageKey, ...attachment } = found;
  return { ...attachment, absolutePath: storagePath(storageKey) };
}
