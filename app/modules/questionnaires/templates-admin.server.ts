// Staff use cases on questionnaire templates: importing a file as a new version, publishing a
// draft, previewing a section. Versioning itself (checksum dedupe, numbering) lives in
// templates.server.ts; this adds the input checks, the audit trail and explicit outcomes.
import { recordAudit } from "~/modules/audit/audit.server";
import type { Language } from "~/modules/i18n/languages";
import { measureOptions } from "~/modules/plan/measures.server";
import { prisma } from "~/utils/db.server";
import { parseTemplateFile } from "./template-file.server";
import { MAX_TEMPLATE_BYTES } from "./template-file-limits.server";
import { getTemplate, publishTemplate, saveTemplateVersion } from "./templates.server";

/** A template file, pasted or uploaded, is at most 64 KB (the parser refuses more, too). */
export { MAX_TEMPLATE_BYTES } from "./template-file-limits.server";

const TEMPLATE_FILE_NAME = /\.(json|ya?ml)$/i;

export type ImportFormError = "missing" | "fileType" | "encoding" | "tooLarge";

export type ImportFormResult =
  | { ok: true; text: string; sourceName: string | null; field: "file" | "text"; publish: boolean }
  | { ok: false; field: "file" | "text"; error: ImportFormError; publish: boolean };

/**
 * Reads the import form: an uploaded .json/.yaml/.yml file or, failing that, the pasted text.
 * A chosen file wins over the text area (the page says so): after an error the browser
 * empties the file input but keeps the pasted text, so the text is never stale on purpose.
 */
export async function readImportForm(form: FormData): Promise<ImportFormResult> {
  const publish = form.get("publish") === "yes";
  const file = form.get("file");
  if (file instanceof File && (file.size > 0 || file.name !== "")) {
    if (!TEMPLATE_FILE_NAME.test(file.name)) {
      return { ok: false, field: "file", error: "fileType", publish };
    }
    if (file.size > MAX_TEMPLATE_BYTES) {
      return { ok: false, field: "file", error: "tooLarge", publish };
    }
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return { ok: false, field: "file", error: "encoding", publish };
    }
    if (text.trim() === "") return { ok: false, field: "file", error: "missing", publish };
    return { ok: true, text, sourceName: cleanSourceName(file.name), field: "file", publish };
  }
  const pasted = form.get("text");
  const text = typeof pasted === "string" ? pasted : "";
  if (text.trim() === "") return { ok: false, field: "text", error: "missing", publish };
  if (Buffer.byteLength(text, "utf8") > MAX_TEMPLATE_BYTES) {
    return { ok: false, field: "text", error: "tooLarge", publish };
  }
  return { ok: true, text, sourceName: null, field: "text", publish };
}

/** The file's own name only: no folders ("../"), no control characters, bounded. */
export function cleanSourceName(name: string): string | null {
  const base = name.split(/[/\\]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return cleaned ? cleaned.slice(0, 200) : null;
}

export type ImportOutcome =
  | { outcome: "invalid"; errors: string[] }
  | {
      outcome: "imported" | "unchanged";
      templateId: string;
      version: number;
      /** Published by this import (not: was already published). */
      publishedNow: boolean;
    };

/**
 * Imports a template file as the next version of its key (or finds the identical version),
 * and publishes it when asked. Version, audit rows and publication commit together.
 */
export async function importTemplate(input: {
  text: string;
  sourceName: string | null;
  publish: boolean;
  actorUserId: string;
}): Promise<ImportOutcome> {
  const parsed = parseTemplateFile(input.text);
  if (!parsed.ok) return { outcome: "invalid", errors: parsed.errors };
  const definition = parsed.definition;
  // Two imports of the same key at once compute the same next version number: the unique
  // (key, version) index refuses the second, which then simply runs again on fresh data.
  return withRetryOnUniqueViolation(() =>
    prisma.$transaction(async (tx) => {
      const { template, created } = await saveTemplateVersion(tx, definition, {
        sourceName: input.sourceName ?? undefined,
        createdById: input.actorUserId,
      });
      const target = {
        actorUserId: input.actorUserId,
        targetType: "QuestionnaireTemplate",
        targetId: template.id,
      };
      if (created) {
        await recordAudit(tx, {
          action: "template.imported",
          ...target,
          details: {
            key: template.key,
            version: template.version,
            checksum: template.checksum,
            sourceName: input.sourceName,
          },
        });
      }
      let publishedNow = false;
      if (input.publish && template.status === "DRAFT") {
        await publishTemplate(tx, template.id);
        await recordAudit(tx, {
          action: "template.published",
          ...target,
          details: { key: template.key, version: template.version },
        });
        publishedNow = true;
      }
      return {
        outcome: created ? ("imported" as const) : ("unchanged" as const),
        templateId: template.id,
        version: template.version,
        publishedNow,
      };
    }),
  );
}

export type PublishOutcome =
  { outcome: "published"; version: number } | { outcome: "not-draft" } | { outcome: "not-found" };

/** Publishing is final: a published version never changes, and only those can run campaigns. */
export async function publishTemplateVersion(input: {
  templateId: string;
  actorUserId: string;
}): Promise<PublishOutcome> {
  try {
    return await prisma.$transaction(async (tx) => {
      const template = await tx.questionnaireTemplate.findUnique({
        where: { id: input.templateId },
        select: { id: true, key: true, version: true, status: true },
      });
      if (!template) return { outcome: "not-found" as const };
      if (template.status !== "DRAFT") return { outcome: "not-draft" as const };
      await publishTemplate(tx, template.id);
      await recordAudit(tx, {
        action: "template.published",
        actorUserId: input.actorUserId,
        targetType: "QuestionnaireTemplate",
        targetId: template.id,
        details: { key: template.key, version: template.version },
      });
      return { outcome: "published" as const, version: template.version };
    });
  } catch (error) {
    // Published by someone else between our read and our conditional update.
    if (prismaErrorCode(error) === "P2025") return { outcome: "not-draft" };
    throw error;
  }
}

/**
 * A version as its staff page shows it: its facts (the checksum shortened to what a person
 * compares), the campaigns that use it and its parsed definition. Null when the id is unknown.
 */
export async function loadTemplateDetail(templateId: string) {
  const template = await getTemplate(templateId);
  if (!template) return null;
  return {
    template: {
      id: template.id,
      key: template.key,
      version: template.version,
      status: template.status,
      titleFr: template.titleFr,
      titleNl: template.titleNl,
      checksum: template.checksum.slice(0, 12),
      sourceName: template.sourceName,
      createdAt: template.createdAt,
      publishedAt: template.publishedAt,
    },
    campaigns: template.campaigns,
    definition: template.parsed,
  };
}

/**
 * What a preview needs: the section as stored in that version, and the measures of the active
 * plan (what a measure picker offers in a real return). Null when either id is unknown.
 */
export async function loadSectionPreview(templateId: string, sectionId: string, lang: Language) {
  const template = await getTemplate(templateId);
  const section = template?.parsed.sections.find((s) => s.id === sectionId);
  if (!template || !section) return null;
  const plan = await prisma.plan.findFirst({
    where: { status: "ACTIVE" },
    orderBy: { startYear: "desc" },
    select: { id: true },
  });
  return {
    template: {
      id: template.id,
      key: template.key,
      version: template.version,
      status: template.status,
      title: template.parsed.title,
    },
    section,
    measures: plan ? await measureOptions(plan.id, lang) : [],
  };
}

function prismaErrorCode(error: unknown) {
  return error && typeof error === "object" && "code" in error ? String(error.code) : undefined;
}

async function withRetryOnUniqueViolation<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || prismaErrorCode(error) !== "P2002") throw error;
    }
  }
}
