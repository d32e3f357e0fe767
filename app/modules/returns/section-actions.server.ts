// A partner fills in a section: every post of its form saves what was typed first, whatever the
// button (nothing typed is lost), then does what the button asked: keep the draft, complete and
// go on, upload or remove a file, add or remove a row. The section, its return and its template
// are loaded once by the caller (findSectionToFill) and handed to each step.
import type { CurrentUser } from "~/modules/auth/session.server";
import type { Language } from "~/modules/i18n/languages";
import type { RawAnswers } from "~/modules/questionnaires/answers";
import { measurePickerAt } from "~/modules/questionnaires/measure-choice";
import { prisma } from "~/utils/db.server";
import { attachFile, removeAttachment } from "./attachments.server";
import { applyRowIntent, parseIntent, postedAnswers, postedVersion } from "./section-form.server";
import { saveSectionAnswers, type SaveOutcome, type SectionToFill } from "./sections.server";

/** Where the person goes once the post is done. */
export type NextPage =
  | { page: "section"; sectionId: string; questionId?: string }
  | { page: "measures"; sectionId: string; field: string }
  | { page: "task-list" };

export type FillInOutcome =
  /** Not a post the page makes (unknown button, version, or question): 400. */
  | { outcome: "malformed" }
  | { outcome: "not-found" }
  /** Sent meanwhile: the person sees its confirmation. */
  | { outcome: "locked" }
  | { outcome: "closed" }
  | { outcome: "approved" }
  /** The return is sent back for changes on other sections: this one stays as reviewed. */
  | { outcome: "not-sent-back" }
  | {
      outcome: "conflict";
      theirs: Extract<SaveOutcome, { outcome: "conflict" }>["theirs"];
      raw: RawAnswers;
    }
  | { outcome: "autosaved"; version: number; savedAt: Date }
  /** The page again, with the answers as posted and a message per field (keys in i18n). */
  | {
      outcome: "invalid";
      raw: RawAnswers;
      errors: Record<string, string>;
      version: number;
      tooLarge?: boolean;
    }
  | { outcome: "done"; next: NextPage };

/**
 * The post was too large to read (an oversized file): the page comes back with the answers
 * saved so far and the message on its upload question.
 */
export function tooLargeToRead(target: SectionToFill): FillInOutcome {
  const upload = target.definition.questions.find((q) => q.kind === "attachments");
  return {
    outcome: "invalid",
    raw: target.section.answers as RawAnswers,
    errors: { [upload?.id ?? "form"]: "errors.attachmentSize" },
    version: target.section.version,
    tooLarge: true,
  };
}

export async function fillInSection(input: {
  current: CurrentUser;
  target: SectionToFill;
  form: FormData;
  language: Language;
}): Promise<FillInOutcome> {
  const { current, target, form } = input;
  const { section, definition } = target;
  const intent = parseIntent(form.get("_intent"));
  if (!intent) return { outcome: "malformed" };
  const baseVersion = postedVersion(form);
  if (baseVersion === null) return { outcome: "malformed" };
  // An upload names its question: a forged one is refused before anything is saved.
  const upload =
    intent.kind === "upload"
      ? definition.questions.find((q) => q.id === intent.questionId)
      : undefined;
  if (intent.kind === "upload" && upload?.kind !== "attachments") return { outcome: "malformed" };
  if (intent.kind === "pick-measures" && !measurePickerAt(definition.questions, intent.field))
    return { outcome: "malformed" };

  const raw = applyRowIntent(
    postedAnswers(form, definition.questions),
    definition.questions,
    intent,
  );
  const saved = await saveSectionAnswers({
    current,
    target,
    baseVersion,
    answers: raw,
    mode: intent.kind === "complete" ? "complete" : "draft",
    language: input.language,
  });
  if (saved.outcome === "conflict") return { outcome: "conflict", theirs: saved.theirs, raw };
  if (saved.outcome !== "saved" && saved.outcome !== "invalid") return { outcome: saved.outcome };
  if (intent.kind === "autosave") {
    return { outcome: "autosaved", version: saved.version, savedAt: saved.savedAt };
  }
  const invalid = (errors: Record<string, string>) =>
    ({ outcome: "invalid", raw, errors, version: saved.version }) as const;
  if (saved.outcome === "invalid") {
    return invalid(Object.fromEntries(saved.errors.map((e) => [e.path.join("."), e.message])));
  }

  const here = (questionId?: string): FillInOutcome => ({
    outcome: "done",
    next: { page: "section", sectionId: section.id, questionId },
  });
  switch (intent.kind) {
    case "upload": {
      if (upload?.kind !== "attachments") return { outcome: "malformed" };
      const file = form.get(`_file.${upload.id}`);
      if (!(file instanceof File) || file.size === 0) {
        return invalid({ [upload.id]: "errors.attachmentEmpty" });
      }
      const added = await attachFile({
        current,
        target,
        questionId: upload.id,
        file,
        maxFiles: upload.maxFiles,
      });
      if (added.outcome === "invalid") return invalid({ [upload.id]: `errors.${added.error}` });
      if (added.outcome !== "added") return { outcome: "not-found" };
      return here(upload.id);
    }
    case "remove-file":
      await removeAttachment({
        current,
        returnId: section.returnId,
        sectionId: section.id,
        attachmentId: intent.attachmentId,
      });
      return here();
    case "add-row":
    case "remove-row":
      return here(intent.questionId);
    case "draft":
      return { outcome: "done", next: { page: "task-list" } };
    case "pick-measures":
      return {
        outcome: "done",
        next: { page: "measures", sectionId: section.id, field: intent.field },
      };
    case "complete": {
      const next = await sectionAfter(section.returnId, section.id);
      return {
        outcome: "done",
        next: next ? { page: "section", sectionId: next } : { page: "task-list" },
      };
    }
  }
}

/** The next section in the task list's order, or null after the last one. */
async function sectionAfter(returnId: string, sectionId: string) {
  const sections = await prisma.returnSection.findMany({
    where: { returnId },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  const index = sections.findIndex((s) => s.id === sectionId);
  return sections[index + 1]?.id ?? null;
}
