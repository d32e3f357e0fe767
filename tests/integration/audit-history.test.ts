// A return's history for staff: the audit rows of that return only, oldest first, each naming
// its section in the reader's language; and the table staff read, in French and in Dutch.
import { randomBytes } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoCampaigns } from "../../prisma/seed/returns";
import { samplePdf } from "../fixtures/files/synthetic";
import { createFundedPartner, fillReturn, sectionsOf, validAnswers } from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import { ReturnHistory } from "~/modules/returns/components/return-history";
import {
  returnHistory,
  shortTitle,
  type ReturnHistoryEntry,
} from "~/modules/returns/history.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { createTranslator } from "~/modules/i18n/translator";
import { TranslatorContext } from "~/modules/i18n/use-t";
import type { Language } from "~/modules/i18n/languages";
import { resources } from "~/modules/i18n/resources";
import { addAttachment } from "~/modules/returns/attachments.server";
import {
  addOtherContribution,
  removeOtherContribution,
  saveSection,
} from "~/modules/returns/sections.server";
import { submitReturn } from "~/modules/returns/submit.server";
import { prisma } from "~/utils/db.server";

/** What a reviewer's session gives: the permission matrix decides, as in the route. */
const staff: Pick<CurrentUser, "roles"> = { roles: ["STAFF_REVIEWER"] };

const returnWorld = setUpReturnWorld({ year: 2023 });
let world: Awaited<ReturnType<typeof buildWorld>>;

/** Partner A fills and submits its return; partner B, in the same campaign, edits its own. */
async function buildWorld() {
  const { campaign } = returnWorld;
  const a = await createFundedPartner(campaign.id);
  const b = await createFundedPartner(campaign.id);
  await prisma.user.update({ where: { id: a.user.id }, data: { displayName: "Anne Partenaire" } });
  const sectionsA = await sectionsOf(a.returnId);
  const block = sectionsA.find((s) => s.kind === "FUNDED_MEASURE" && s.measure?.code === "2.1")!;
  const current = { ...a.current, user: { ...a.current.user, displayName: "Anne Partenaire" } };

  await saveSection({
    current,
    returnId: a.returnId,
    sectionId: block.id,
    baseVersion: 0,
    answers: { actions: "Un premier jet." },
    mode: "draft",
    language: "fr",
  });
  const file = await addAttachment({
    current,
    returnId: a.returnId,
    sectionId: block.id,
    questionId: "documents",
    file: new File([new Uint8Array(samplePdf)], "rapport.pdf", { type: "application/pdf" }),
    maxFiles: 5,
  });
  if (file.outcome !== "added") throw new Error(file.outcome);
  const removedLater = await addOtherContribution({
    current,
    returnId: a.returnId,
    measureCode: "3.1",
  });
  if (removedLater.outcome !== "created") throw new Error(removedLater.outcome);
  await removeOtherContribution({
    current,
    returnId: a.returnId,
    sectionId: removedLater.sectionId,
  });
  await fillReturn(current, a.returnId);
  const submitted = await submitReturn({
    current,
    returnId: a.returnId,
    submissionKey: randomBytes(18).toString("base64url"),
    language: "fr",
    baseUrl: "http://127.0.0.1:3000",
  });
  if (submitted.outcome !== "submitted") throw new Error(submitted.outcome);

  // B's return: events on another return of the same campaign and plan.
  const blockB = (await sectionsOf(b.returnId)).find((s) => s.kind === "FUNDED_MEASURE")!;
  await saveSection({
    current: b.current,
    returnId: b.returnId,
    sectionId: blockB.id,
    baseVersion: 0,
    answers: validAnswers(blockB.definition.questions, "2.1"),
    mode: "complete",
    language: "fr",
  });
  await addOtherContribution({ current: b.current, returnId: b.returnId, measureCode: "5.1" });
  return { a, b, block, sectionsA: await sectionsOf(a.returnId) };
}

beforeAll(async () => {
  world = await buildWorld();
}, 180_000);

const measureTitle = async (code: string, lang: Language) => {
  const measure = await prisma.measure.findFirstOrThrow({ where: { code } });
  return lang === "fr"
    ? `Mesure ${code} – ${shortTitle(measure.titleFr)}`
    : `Maatregel ${code} – ${shortTitle(measure.titleNl)}`;
};

describe("returnHistory", () => {
  it("lists every event of a filled and submitted return in order, naming the sections", async () => {
    const { a, block, sectionsA } = world;
    const history = (await returnHistory(staff, a.returnId, "fr"))!;
    const contribution = await measureTitle("3.1", "fr");
    const blockTitle = await measureTitle("2.1", "fr");
    const organisationSection = sectionsA.find((s) => s.templateSection === "organisation")!;

    expect(history.map((e) => [e.action, e.section])).toEqual([
      ["return.generated", null],
      ["return.section-started", blockTitle],
      ["return.attachment-added", blockTitle],
      ["return.contribution-added", contribution],
      ["return.contribution-removed", contribution],
      ...sectionsA.map((s) => [
        "return.section-completed",
        s.measure
          ? expect.stringMatching(new RegExp(`^Mesure ${s.measure.code.replace(".", "\\.")} – `))
          : s.id === organisationSection.id
            ? organisationSection.definition.title.fr
            : expect.any(String),
      ]),
      ["return.submitted", null],
    ]);
    // Oldest first.
    const times = history.map((e) => new Date(e.at).getTime());
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    expect(history[0]).toMatchObject({
      actor: { kind: "system" },
      returnCreated: true,
      createdSections: sectionsA.length,
    });
    for (const entry of history.slice(1)) {
      expect(entry.actor).toEqual({ kind: "user", name: "Anne Partenaire" });
    }
    // The campaign of 2023 was due on 31 March 2024.
    expect(history.at(-1)).toMatchObject({ action: "return.submitted", late: true });
    expect(history.filter((e) => e.section === blockTitle)).toHaveLength(3);
    expect(block.measure?.code).toBe("2.1");
  });

  it("names sections in Dutch for a Dutch reader", async () => {
    const history = (await returnHistory(staff, world.a.returnId, "nl"))!;
    expect(history.find((e) => e.action === "return.contribution-removed")?.section).toBe(
      await measureTitle("3.1", "nl"),
    );
  });

  it("holds nothing of another return, even of the same organisation's campaign and plan", async () => {
    const { a, b } = world;
    const ofA = (await returnHistory(staff, a.returnId, "fr"))!;
    const ofB = (await returnHistory(staff, b.returnId, "fr"))!;
    const idsA = new Set(ofA.map((e) => e.id));
    expect(ofB.map((e) => e.action)).toEqual([
      "return.generated",
      "return.section-completed",
      "return.contribution-added",
    ]);
    expect(ofB.some((e) => idsA.has(e.id))).toBe(false);
    const onlyInB = await measureTitle("5.1", "fr");
    expect(ofA.some((e) => e.section === onlyInB)).toBe(false);
    // Rows of logins and denials are not return events, whatever their target.
    expect(ofA.every((e) => e.action.startsWith("return."))).toBe(true);
    expect(await returnHistory(staff, "no-such-return", "fr")).toBeNull();
    // Partners, even of this very return, get nothing: the history is a staff page.
    expect(await returnHistory(a.current, a.returnId, "fr")).toBeNull();
    expect(await returnHistory({ roles: ["STAFF_ADMIN"] }, a.returnId, "fr")).toHaveLength(
      ofA.length,
    );
  });

  it("shows a deleted user once the author is erased", async () => {
    const { b } = world;
    await prisma.user.delete({ where: { id: b.user.id } });
    const history = (await returnHistory(staff, b.returnId, "fr"))!;
    expect(history.map((e) => e.actor)).toEqual([
      { kind: "system" },
      { kind: "deleted" },
      { kind: "deleted" },
    ]);
  });
});

function render(entries: ReturnHistoryEntry[], lang: Language) {
  const translator = createTranslator(lang, resources[lang]);
  return renderToStaticMarkup(
    createElement(
      TranslatorContext,
      { value: translator },
      createElement(ReturnHistory, { entries, lang }),
    ),
  );
}

describe("shortTitle", () => {
  it("keeps short titles and cuts long ones at a word, with an ellipsis", () => {
    expect(shortTitle("Prévenir les vols")).toBe("Prévenir les vols");
    const long =
      "Poursuivre l'optimisation de la présence visible et dissuasive du personnel de sécurité";
    const cut = shortTitle(long);
    expect(cut).toBe("Poursuivre l'optimisation de la présence visible et dissuasive du…");
    expect(cut.length).toBeLessThanOrEqual(71);
    expect(shortTitle("x".repeat(100))).toBe(`${"x".repeat(70)}…`);
  });
});

describe("the history table", () => {
  const at = new Date("2024-04-02T21:30:00Z"); // 23:30 in Brussels (summer time)
  const entry = (patch: Partial<ReturnHistoryEntry>): ReturnHistoryEntry => ({
    id: randomBytes(4).toString("hex"),
    at,
    action: "return.section-completed",
    actor: { kind: "user", name: "Anne Partenaire" },
    section: "Mesure 5.1 – Prévention",
    late: false,
    createdSections: 0,
    returnCreated: false,
    decision: null,
    entries: null,
    reason: null,
    sectionsSentBack: null,
    commentSide: null,
    dueDay: null,
    ...patch,
  });
  const entries = [
    entry({
      action: "return.generated",
      actor: { kind: "system" },
      section: null,
      returnCreated: true,
      createdSections: 7,
    }),
    entry({}),
    entry({ action: "return.attachment-added" }),
    entry({ action: "return.submitted", section: null, late: true, actor: { kind: "deleted" } }),
    entry({
      action: "return.section-decided",
      decision: "CHANGES_NEEDED",
      actor: { kind: "user", name: "Joris Relecteur" },
    }),
    entry({ action: "return.section-decided", decision: "NOT_RETAINED" }),
    entry({ action: "return.changes-requested", section: null, sectionsSentBack: 2 }),
    entry({ action: "return.comment-posted", commentSide: "STAFF" }),
    entry({ action: "return.comment-posted", section: null, commentSide: "PARTNER" }),
    entry({ action: "return.approved", section: null, entries: 3 }),
    entry({
      action: "return.reopened",
      section: null,
      reason: { text: "Chiffres à corriger", language: "fr" },
    }),
  ];

  it("is a table with a caption and column headers, in Brussels time, in French", () => {
    const html = render(entries, "fr");
    // The wide table scrolls inside a focusable region the caption names.
    const captionId = /<caption id="([^"]+)" class="visually-hidden">Historique du rapport/.exec(
      html,
    )?.[1];
    expect(captionId).toBeTruthy();
    expect(html).toContain(`role="region" aria-labelledby="${captionId}" tabindex="0"`);
    expect(html.match(/<th scope="col">/g)).toHaveLength(3);
    expect(html).toContain('<time dateTime="2024-04-02T21:30:00.000Z">');
    expect(html).toMatch(/2 avr\. 2024.*23:30/);
    expect(html).toContain("Rapport créé par la génération de la campagne (7 sections)");
    expect(html).toContain("Section «\u00a0Mesure 5.1 – Prévention\u00a0» terminée");
    expect(html).toContain("Document joint à la section «\u00a0Mesure 5.1 – Prévention\u00a0»");
    expect(html).toContain("Rapport envoyé (en retard)");
    expect(html).toContain(
      "Section «\u00a0Mesure 5.1 – Prévention\u00a0»\u00a0: modifications demandées",
    );
    expect(html).toContain("Section «\u00a0Mesure 5.1 – Prévention\u00a0» non retenue");
    expect(html).toContain("Rapport renvoyé au partenaire\u00a0: 2 sections à modifier");
    expect(html).toContain(
      "Commentaire de safe.brussels sur la section «\u00a0Mesure 5.1 – Prévention\u00a0»",
    );
    expect(html).toContain("Message du partenaire sur le rapport");
    expect(html).toContain(
      "Rapport approuvé\u00a0: 3 contributions versées dans la base de données",
    );
    expect(html).toContain('Rapport rouvert. Raison\u00a0: <q lang="fr">Chiffres à corriger</q>');
    expect(html).toContain("<em>Automatique</em>");
    expect(html).toContain("<em>Utilisateur supprimé</em>");
    expect(html).toContain("Anne Partenaire");
  });

  it("reads in Dutch", () => {
    const html = render(entries, "nl");
    expect(html).toContain("Geschiedenis van het verslag");
    expect(html).toMatch(/2 apr 2024.*23:30/);
    expect(html).toContain("Verslag aangemaakt bij het genereren van de campagne (7 secties)");
    expect(html).toContain("Sectie ‘Mesure 5.1 – Prévention’ afgerond");
    expect(html).toContain("Verslag ingediend (te laat)");
    expect(html).toContain("Sectie ‘Mesure 5.1 – Prévention’: wijzigingen gevraagd");
    expect(html).toContain("Sectie ‘Mesure 5.1 – Prévention’ niet weerhouden");
    expect(html).toContain("Verslag teruggestuurd naar de partner: 2 secties aan te passen");
    expect(html).toContain("Opmerking van safe.brussels over sectie ‘Mesure 5.1 – Prévention’");
    expect(html).toContain("Bericht van de partner over het verslag");
    expect(html).toContain("Verslag goedgekeurd: 3 bijdragen opgenomen in de databank");
    // The reason keeps the language it was written in.
    expect(html).toContain('Verslag heropend. Reden: <q lang="fr">Chiffres à corriger</q>');
    expect(html).toContain("<em>Verwijderde gebruiker</em>");
  });

  it("says so when nothing happened yet", () => {
    expect(render([], "fr")).toContain("Aucun événement pour l&#x27;instant.");
    expect(render([], "nl")).toContain("Nog geen gebeurtenissen.");
  });
});

describe("demo data", () => {
  it("the demo's submitted 2022 return has its history, dated from its submission", async () => {
    await seedDemoCampaigns();
    const annualReturn = await prisma.annualReturn.findFirstOrThrow({
      where: { campaign: { year: 2022 }, organisation: { slug: "zp-5339" } },
      include: { sections: true, submittedBy: true },
    });
    const history = (await returnHistory(staff, annualReturn.id, "fr"))!;
    // The demo's story happened in March 2023; generating it happens when the seed runs.
    expect(history.map((e) => e.action)).toEqual([
      ...annualReturn.sections.map(() => "return.section-completed"),
      "return.submitted",
      "return.generated",
    ]);
    expect(history.at(-2)).toMatchObject({
      at: annualReturn.submittedAt,
      late: false,
      actor: { kind: "user", name: annualReturn.submittedBy!.displayName },
    });
    expect(history.filter((e) => e.section === null)).toHaveLength(2);
  });
});
