// Template versions: importing (checksum dedupe, numbering), publishing (audited, final), the
// import form's input checks, and above all that a new version never disturbs a campaign that
// runs on an older one.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { seedDemo, seedReferenceData } from "../../prisma/seed/load";
import { DEFAULT_TEMPLATE_FILE, seedCampaign } from "../../prisma/seed/returns";
import { asCurrent, createPartnerUser, createStaffUser } from "../fixtures/factories";
import type { CurrentUser } from "~/modules/auth/session.server";
import type { TemplateDefinition } from "~/modules/questionnaires/definition";
import { parseTemplateFile } from "~/modules/questionnaires/template-file.server";
import {
  cleanSourceName,
  importTemplate,
  loadSectionPreview,
  publishTemplateVersion,
  readImportForm,
} from "~/modules/questionnaires/templates-admin.server";
import { checkAnswers } from "~/modules/questionnaires/check-answers";
import { sanitizeRawAnswers } from "~/modules/questionnaires/raw-answers";
import { findReturnForUser } from "~/modules/returns/access.server";
import { saveSection } from "~/modules/returns/sections.server";
import { prisma } from "~/utils/db.server";

function defaultDefinition(): TemplateDefinition {
  const result = parseTemplateFile(readFileSync(DEFAULT_TEMPLATE_FILE, "utf8"));
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.definition;
}

function smallTemplate(key: string, statusLabel = "Où en est la mise en œuvre ?") {
  return {
    key,
    title: { fr: "Modèle d'essai", nl: "Testsjabloon" },
    sections: [
      {
        id: "main",
        repeat: "once",
        title: { fr: "Partie", nl: "Deel" },
        questions: [
          { id: "status", kind: "shortText", label: { fr: statusLabel, nl: "Hoe ver staat het?" } },
        ],
      },
    ],
  };
}

const auditRows = (action: string, targetId: string) =>
  prisma.auditEvent.findMany({ where: { action, targetId }, orderBy: { occurredAt: "asc" } });

let admin: CurrentUser;
let campaign: { id: string; templateId: string };

beforeAll(async () => {
  // The realistic world (plan, partners, fundings, a campaign on the default template v1),
  // loaded once: it takes a while on PGlite.
  await seedReferenceData(prisma);
  await seedDemo(prisma);
  campaign = await seedCampaign(2023, "OPEN");
  admin = await asCurrent((await createStaffUser("ADMIN")).id);
}, 180_000);

describe("importing a template", () => {
  it("the same definition twice makes one version (checksum), whatever its formatting", async () => {
    const first = await importTemplate({
      text: stringify(smallTemplate("dedupe-test")),
      sourceName: "dedupe.yaml",
      publish: false,
      actorUserId: admin.user.id,
    });
    expect(first).toMatchObject({ outcome: "imported", version: 1, publishedNow: false });
    if (first.outcome === "invalid") throw new Error("unexpected");

    // Same content as JSON, keys in another order: still the same definition.
    const { sections, title, key } = smallTemplate("dedupe-test");
    const again = await importTemplate({
      text: JSON.stringify({ sections, title, key }),
      sourceName: "dedupe.json",
      publish: false,
      actorUserId: admin.user.id,
    });
    expect(again).toEqual({
      outcome: "unchanged",
      templateId: first.templateId,
      version: 1,
      publishedNow: false,
    });

    const versions = await prisma.questionnaireTemplate.findMany({ where: { key: "dedupe-test" } });
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      status: "DRAFT",
      publishedAt: null,
      sourceName: "dedupe.yaml",
      createdById: admin.user.id,
      titleFr: "Modèle d'essai",
      titleNl: "Testsjabloon",
    });
    const audit = await auditRows("template.imported", first.templateId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUserId: admin.user.id,
      targetType: "QuestionnaireTemplate",
      details: { key: "dedupe-test", version: 1, sourceName: "dedupe.yaml" },
    });
  });

  it("the default file, loaded again, is the seeded version 1", async () => {
    const result = await importTemplate({
      text: readFileSync(DEFAULT_TEMPLATE_FILE, "utf8"),
      sourceName: "pgsp-annual-return.yaml",
      publish: false,
      actorUserId: admin.user.id,
    });
    expect(result).toMatchObject({
      outcome: "unchanged",
      templateId: campaign.templateId,
      version: 1,
    });
  });

  it("a changed definition becomes version 2; version 1 is untouched", async () => {
    const v1 = await importTemplate({
      text: stringify(smallTemplate("numbering-test")),
      sourceName: null,
      publish: false,
      actorUserId: admin.user.id,
    });
    const v2 = await importTemplate({
      text: stringify(smallTemplate("numbering-test", "Quel est l'état d'avancement ?")),
      sourceName: null,
      publish: false,
      actorUserId: admin.user.id,
    });
    if (v1.outcome === "invalid" || v2.outcome === "invalid") throw new Error("unexpected");
    expect(v2).toMatchObject({ outcome: "imported", version: 2 });
    expect(v2.templateId).not.toBe(v1.templateId);
    const first = await prisma.questionnaireTemplate.findUniqueOrThrow({
      where: { id: v1.templateId },
    });
    expect(first.version).toBe(1);
    expect(JSON.stringify(first.definition)).toContain("Où en est la mise en œuvre ?");
    expect(JSON.stringify(first.definition)).not.toContain("état d'avancement");
  });

  it("imports of the same key at once get consecutive versions", async () => {
    // On PostgreSQL they really race: the (key, version) index refuses all but one, and the
    // others run again. On PGlite (one connection) they simply run one after the other.
    const results = await Promise.all(
      ["A", "B", "C", "D"].map((variant) =>
        importTemplate({
          text: stringify(smallTemplate("concurrent-test", `Variante ${variant}`)),
          sourceName: null,
          publish: false,
          actorUserId: admin.user.id,
        }),
      ),
    );
    expect(results.map((r) => r.outcome)).toEqual(["imported", "imported", "imported", "imported"]);
    const versions = await prisma.questionnaireTemplate.findMany({
      where: { key: "concurrent-test" },
      orderBy: { version: "asc" },
    });
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
  });

  it("an invalid file writes nothing and lists every problem", async () => {
    const broken = smallTemplate("invalid-test") as unknown as {
      sections: { questions: Record<string, unknown>[] }[];
    };
    broken.sections[0]!.questions.push(
      { id: "a", kind: "slider", label: { fr: "A", nl: "A" } },
      { id: "b", kind: "integer", label: { fr: "B" } },
    );
    const templatesBefore = await prisma.questionnaireTemplate.count();
    const auditBefore = await prisma.auditEvent.count();
    const result = await importTemplate({
      text: stringify(broken),
      sourceName: "broken.yaml",
      publish: true,
      actorUserId: admin.user.id,
    });
    expect(result.outcome).toBe("invalid");
    expect(result.outcome === "invalid" && result.errors).toEqual([
      expect.stringMatching(/^sections\.0\.questions\.1\.kind: /),
      expect.stringMatching(/^sections\.0\.questions\.2\.label\.nl: /),
    ]);
    expect(await prisma.questionnaireTemplate.count()).toBe(templatesBefore);
    expect(await prisma.auditEvent.count()).toBe(auditBefore);
  });
});

describe("publishing a version", () => {
  it("sets the status and date, is audited, and happens once", async () => {
    const imported = await importTemplate({
      text: stringify(smallTemplate("publish-test")),
      sourceName: null,
      publish: false,
      actorUserId: admin.user.id,
    });
    if (imported.outcome === "invalid") throw new Error("unexpected");
    const before = new Date();
    const result = await publishTemplateVersion({
      templateId: imported.templateId,
      actorUserId: admin.user.id,
    });
    expect(result).toEqual({ outcome: "published", version: 1 });
    const template = await prisma.questionnaireTemplate.findUniqueOrThrow({
      where: { id: imported.templateId },
    });
    expect(template.status).toBe("PUBLISHED");
    expect(template.publishedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    const audit = await auditRows("template.published", imported.templateId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUserId: admin.user.id,
      targetType: "QuestionnaireTemplate",
      details: { key: "publish-test", version: 1 },
    });

    // A second click, or a second person: nothing changes, nothing is logged twice.
    expect(
      await publishTemplateVersion({ templateId: imported.templateId, actorUserId: admin.user.id }),
    ).toEqual({ outcome: "not-draft" });
    const after = await prisma.questionnaireTemplate.findUniqueOrThrow({
      where: { id: imported.templateId },
    });
    expect(after.publishedAt).toEqual(template.publishedAt);
    expect(await auditRows("template.published", imported.templateId)).toHaveLength(1);
  });

  it("an unknown id is not found", async () => {
    expect(
      await publishTemplateVersion({ templateId: "no-such-template", actorUserId: admin.user.id }),
    ).toEqual({ outcome: "not-found" });
  });

  it('"publish immediately" imports and publishes in one go, both audited', async () => {
    const result = await importTemplate({
      text: stringify(smallTemplate("publish-now-test")),
      sourceName: null,
      publish: true,
      actorUserId: admin.user.id,
    });
    if (result.outcome === "invalid") throw new Error("unexpected");
    expect(result).toMatchObject({ outcome: "imported", publishedNow: true });
    const template = await prisma.questionnaireTemplate.findUniqueOrThrow({
      where: { id: result.templateId },
    });
    expect(template.status).toBe("PUBLISHED");
    expect(template.publishedAt).not.toBeNull();
    expect(await auditRows("template.imported", result.templateId)).toHaveLength(1);
    expect(await auditRows("template.published", result.templateId)).toHaveLength(1);
  });

  it('an unchanged draft imported again with "publish immediately" is published', async () => {
    const text = stringify(smallTemplate("publish-later-test"));
    const draft = await importTemplate({
      text,
      sourceName: null,
      publish: false,
      actorUserId: admin.user.id,
    });
    const again = await importTemplate({
      text,
      sourceName: null,
      publish: true,
      actorUserId: admin.user.id,
    });
    if (draft.outcome === "invalid") throw new Error("unexpected");
    expect(again).toEqual({
      outcome: "unchanged",
      templateId: draft.templateId,
      version: 1,
      publishedNow: true,
    });
    // Already published: importing it again publishes nothing more.
    const third = await importTemplate({
      text,
      sourceName: null,
      publish: true,
      actorUserId: admin.user.id,
    });
    expect(third).toMatchObject({ outcome: "unchanged", publishedNow: false });
    expect(await auditRows("template.published", draft.templateId)).toHaveLength(1);
  });
});

describe("reading the import form", () => {
  const yamlFile = (name: string, text: BlobPart) =>
    new File([text], name, { type: "application/octet-stream" });

  it("takes the uploaded file first, with its cleaned name", async () => {
    const form = new FormData();
    form.append("file", yamlFile("../../etc/modèle v2.yaml", "key: x\n"));
    form.append("text", "ignored: true");
    form.append("publish", "yes");
    expect(await readImportForm(form)).toEqual({
      ok: true,
      text: "key: x\n",
      sourceName: "modèle v2.yaml",
      field: "file",
      publish: true,
    });
  });

  it("falls back to the pasted text when no file is chosen", async () => {
    const form = new FormData();
    // What a browser sends for an empty file input.
    form.append("file", new File([], "", { type: "application/octet-stream" }));
    form.append("text", "key: pasted\n");
    expect(await readImportForm(form)).toEqual({
      ok: true,
      text: "key: pasted\n",
      sourceName: null,
      field: "text",
      publish: false,
    });
  });

  it("refuses a missing template, another file type and a non-UTF-8 file", async () => {
    const empty = new FormData();
    empty.append("text", "   ");
    expect(await readImportForm(empty)).toMatchObject({
      ok: false,
      field: "text",
      error: "missing",
    });
    const pdf = new FormData();
    pdf.append("file", yamlFile("template.pdf", "%PDF-1.7"));
    expect(await readImportForm(pdf)).toMatchObject({
      ok: false,
      field: "file",
      error: "fileType",
    });
    const latin1 = new FormData();
    latin1.append("file", yamlFile("template.yml", new Uint8Array([0x6b, 0x3a, 0x20, 0xe9])));
    expect(await readImportForm(latin1)).toMatchObject({
      ok: false,
      field: "file",
      error: "encoding",
    });
  });

  it("keeps only the file's own name", () => {
    expect(cleanSourceName("C:\\Users\\nadia\\pgsp.yaml")).toBe("pgsp.yaml");
    expect(cleanSourceName("a\u0000b\nc.json")).toBe("abc.json");
    expect(cleanSourceName("../")).toBeNull();
  });
});

describe("new versions do not break running returns", () => {
  let v2TemplateId: string;
  let partner: CurrentUser;
  let returnId: string;
  let section: { id: string; version: number; templateSection: string };

  beforeAll(async () => {
    // Version 2: "partners" removed, "actions" renamed "achievements", in every section.
    const v2Definition = defaultDefinition();
    for (const s of v2Definition.sections) {
      s.questions = s.questions
        .filter((q) => q.id !== "partners")
        .map((q) => (q.id === "actions" ? { ...q, id: "achievements" } : q));
    }
    const v2 = await importTemplate({
      text: JSON.stringify(v2Definition),
      sourceName: "pgsp-annual-return-v2.json",
      publish: true,
      actorUserId: admin.user.id,
    });
    if (v2.outcome === "invalid") throw new Error(v2.errors.join("\n"));
    expect(v2).toMatchObject({ outcome: "imported", version: 2, publishedNow: true });
    v2TemplateId = v2.templateId;

    const annualReturn = await prisma.annualReturn.findFirstOrThrow({
      where: { campaignId: campaign.id, status: "NOT_STARTED" },
      include: { sections: { where: { kind: "FUNDED_MEASURE" }, take: 1 } },
      orderBy: { id: "asc" },
    });
    expect(annualReturn.sections, "the return has a funded-measure section").toHaveLength(1);
    returnId = annualReturn.id;
    section = annualReturn.sections[0]!;
    partner = await asCurrent((await createPartnerUser([annualReturn.organisationId])).id);
  });

  it("the campaign stays pinned to v1 and its returns load with v1's questions", async () => {
    const v1 = await prisma.questionnaireTemplate.findUniqueOrThrow({
      where: { id: campaign.templateId },
    });
    expect(v1).toMatchObject({ key: "pgsp-annual-return", version: 1, status: "PUBLISHED" });
    const pinned = await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    expect(pinned.templateId).toBe(v1.id);

    const loaded = await findReturnForUser(partner, returnId);
    expect(loaded).not.toBeNull();
    expect(loaded!.template.version).toBe(1);
    const definition = loaded!.definition.sections.find((s) => s.id === section.templateSection)!;
    const ids = definition.questions.map((q) => q.id);
    expect(ids).toEqual(expect.arrayContaining(["actions", "partners"]));
    expect(ids).not.toContain("achievements");

    // v1's rules still apply: its required "actions" is still required, "achievements" unknown.
    const { errors } = checkAnswers(
      definition.questions,
      sanitizeRawAnswers(definition.questions, {
        status: "done",
        achievements: "Only the v2 name of the question",
        targetPublics: ["residents"],
      }),
      { measureCodes: new Set() },
    );
    expect(errors).toEqual([{ path: ["actions"], message: "errors.required" }]);
  });

  it("saving a v1 section keeps v1's answers and ignores v2's questions", async () => {
    const saved = await saveSection({
      current: partner,
      returnId,
      sectionId: section.id,
      baseVersion: section.version,
      answers: {
        status: "done",
        actions: "Patrouilles ciblées et réunions mensuelles avec la commune.",
        partners: "Service de prévention communal",
        achievements: "A v2 question: not part of this return",
        targetPublics: ["residents"],
      },
      mode: "draft",
      language: "fr",
    });
    expect(saved).toMatchObject({ outcome: "saved", status: "IN_PROGRESS" });
    const stored = await prisma.returnSection.findUniqueOrThrow({ where: { id: section.id } });
    expect(stored.version).toBe(section.version + 1);
    expect(stored.answers).toMatchObject({
      actions: "Patrouilles ciblées et réunions mensuelles avec la commune.",
      partners: "Service de prévention communal",
    });
    expect(stored.answers).not.toHaveProperty("achievements");
    section = { ...section, version: stored.version };
  });

  it("completing a v1 section validates against v1's rules", async () => {
    const answers = {
      status: "done",
      actions: "Patrouilles ciblées et réunions mensuelles avec la commune.",
      partners: "Service de prévention communal",
      targetPublics: ["residents"],
    };
    const incomplete = await saveSection({
      current: partner,
      returnId,
      sectionId: section.id,
      baseVersion: section.version,
      answers: { ...answers, actions: "", achievements: "Only the v2 name" },
      mode: "complete",
      language: "fr",
    });
    expect(incomplete).toMatchObject({
      outcome: "invalid",
      errors: [{ path: ["actions"], message: "errors.required" }],
    });
    const completed = await saveSection({
      current: partner,
      returnId,
      sectionId: section.id,
      baseVersion: section.version + 1,
      answers,
      mode: "complete",
      language: "fr",
    });
    expect(completed).toMatchObject({ outcome: "saved", status: "COMPLETED" });
  });

  it("staff previewing v2 see its questions, with the plan's measures to pick from", async () => {
    const preview = await loadSectionPreview(v2TemplateId, "contribution", "nl");
    const ids = preview!.section.questions.map((q) => q.id);
    expect(ids).toContain("achievements");
    expect(ids).not.toContain("partners");
    expect(preview!.template).toMatchObject({ key: "pgsp-annual-return", version: 2 });
    expect(preview!.measures).toHaveLength(77);
    expect(preview!.measures[0]).toMatchObject({ code: "1.1", themeCode: "1" });
    expect(await loadSectionPreview(v2TemplateId, "no-such-section", "fr")).toBeNull();
    expect(await loadSectionPreview("no-such-template", "contribution", "fr")).toBeNull();
  });
});
