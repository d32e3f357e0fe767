import { createHash } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { prisma, type Tx } from "~/utils/db.server";
import { templateDefinition, type TemplateDefinition } from "./definition";

/** Stable JSON (sorted keys) so the same definition always has the same checksum. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export function definitionChecksum(definition: TemplateDefinition) {
  return createHash("sha256").update(canonical(definition)).digest("hex");
}

/**
 * Stores a definition as the next version of its key, unless an identical version exists
 * (then that one is returned). Published versions are never modified.
 */
export async function saveTemplateVersion(
  tx: Tx,
  definition: TemplateDefinition,
  options: { sourceName?: string; createdById?: string; publish?: boolean } = {},
) {
  const checksum = definitionChecksum(definition);
  const existing = await tx.questionnaireTemplate.findFirst({
    where: { key: definition.key, checksum },
    orderBy: { version: "desc" },
  });
  if (existing) return { template: existing, created: false };
  const last = await tx.questionnaireTemplate.findFirst({
    where: { key: definition.key },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  const template = await tx.questionnaireTemplate.create({
    data: {
      key: definition.key,
      version: (last?.version ?? 0) + 1,
      status: options.publish ? "PUBLISHED" : "DRAFT",
      publishedAt: options.publish ? new Date() : null,
      titleFr: definition.title.fr,
      titleNl: definition.title.nl,
      definition: definition as unknown as Prisma.InputJsonValue,
      checksum,
      sourceName: options.sourceName,
      createdById: options.createdById,
    },
  });
  return { template, created: true };
}

export async function publishTemplate(tx: Tx, templateId: string) {
  return tx.questionnaireTemplate.update({
    where: { id: templateId, status: "DRAFT" },
    data: { status: "PUBLISHED", publishedAt: new Date() },
  });
}

// Parsed definitions by checksum (the sha256 of the definition itself): a page reads a template
// once per process, not on every request. They are shared, so they are frozen: a caller that
// wants to change one (a new version) works on a copy, and a mistake throws instead of
// silently changing how every later request checks its answers.
const parsedByChecksum = new Map<string, TemplateDefinition>();
const parsedCacheSize = 32;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Definitions are validated on the way in; reading one back re-checks it all the same. */
export function readDefinition(template: {
  definition: Prisma.JsonValue;
  checksum?: string;
}): TemplateDefinition {
  const key = template.checksum;
  const known = key ? parsedByChecksum.get(key) : undefined;
  if (known) return known;
  const parsed = deepFreeze(templateDefinition.parse(template.definition));
  if (key) {
    if (parsedByChecksum.size >= parsedCacheSize) {
      parsedByChecksum.delete(parsedByChecksum.keys().next().value!);
    }
    parsedByChecksum.set(key, parsed);
  }
  return parsed;
}

/**
 * A template's parsed definition from its id and checksum alone: the definition's JSON is read
 * from the database only when this process has not parsed it yet (pages select the checksum,
 * not the whole definition, on every request).
 */
export async function definitionOfTemplate(template: { id: string; checksum: string }) {
  const known = parsedByChecksum.get(template.checksum);
  if (known) return known;
  const stored = await prisma.questionnaireTemplate.findUniqueOrThrow({
    where: { id: template.id },
    select: { definition: true, checksum: true },
  });
  return readDefinition(stored);
}

export async function listTemplates() {
  return prisma.questionnaireTemplate.findMany({
    orderBy: [{ key: "asc" }, { version: "desc" }],
    select: {
      id: true,
      key: true,
      version: true,
      status: true,
      titleFr: true,
      titleNl: true,
      createdAt: true,
      publishedAt: true,
      sourceName: true,
      _count: { select: { campaigns: true } },
    },
  });
}

export async function getTemplate(templateId: string) {
  const template = await prisma.questionnaireTemplate.findUnique({
    where: { id: templateId },
    include: { campaigns: { select: { id: true, year: true, titleFr: true, titleNl: true } } },
  });
  return template ? { ...template, parsed: readDefinition(template) } : null;
}
