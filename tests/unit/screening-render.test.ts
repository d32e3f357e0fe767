// The review page's screening parts, rendered on the server in French and Dutch: the warning
// before approval (plural), each entry's findings with the match in <mark>, and for an open one
// the three plain forms (post to the finding's page, which comes back to the review page),
// labelled and hinted; a resolved one says by whom, with the wording published. No key shows as
// itself.
import { createElement as h, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import type { Language } from "~/modules/i18n/languages";
import { resources } from "~/modules/i18n/resources";
import { createTranslator } from "~/modules/i18n/translator";
import { TranslatorContext } from "~/modules/i18n/use-t";
import {
  ApprovalScreeningWarning,
  ReturnScreening,
} from "~/modules/screening/components/return-screening";
import { excerptOf } from "~/modules/screening/excerpt";
import type { FindingEntry, FindingView } from "~/modules/screening/finding-view";

function render(lang: Language, element: ReactElement) {
  const Stub = createRoutesStub([
    { path: "/:lang/staff/returns/:returnId", Component: () => element },
  ]);
  return renderToStaticMarkup(
    h(
      TranslatorContext,
      { value: createTranslator(lang, resources[lang]) },
      h(Stub, { initialEntries: [`/${lang}/staff/returns/r1`] }),
    ),
  ).replace(/&nbsp;|\u00a0/g, " ");
}

const narrative = "Contact : jan@example.be pour le suivi.";
const entry: FindingEntry = {
  id: "e1",
  year: 2023,
  measureCode: "2.1",
  organisationName: "ASBL Exemple",
  returnId: "r1",
  sectionId: "s1",
  import: null,
};
const open: FindingView = {
  id: "f1",
  kind: "EMAIL",
  figure: null,
  status: "OPEN",
  excerpt: excerptOf(narrative, 10, 24),
  replacement: null,
  reason: null,
  resolvedBy: null,
  resolvedAt: null,
};
const redacted: FindingView = {
  ...open,
  id: "f2",
  kind: "PHONE",
  figure: { index: 1, label: "Appels au 02 511 12 34", part: "label" },
  status: "REDACTED",
  excerpt: excerptOf("Appels au 02 511 12 34", 10, 22),
  replacement: "la ligne du projet",
  resolvedBy: "Ana Reviewer",
  resolvedAt: new Date("2024-05-02T10:00:00Z"),
};

const section = (lang: Language, canResolve = true) =>
  render(
    lang,
    h(ReturnScreening, {
      entries: [{ entry, findings: [open, redacted] }],
      lang,
      pagePath: `/${lang}/staff/returns/r1`,
      canResolve,
      screened: null,
    }),
  );

describe("the review page's screening", () => {
  it("warns before approval, in both languages, with the count", () => {
    expect(render("fr", h(ApprovalScreeningWarning, { count: 3 }))).toContain(
      "Les sections acceptées contiennent 3 données personnelles possibles.",
    );
    expect(render("nl", h(ApprovalScreeningWarning, { count: 1 }))).toContain(
      "De aanvaarde secties bevatten 1 mogelijk persoonsgegeven.",
    );
    expect(render("fr", h(ApprovalScreeningWarning, { count: 0 }))).toBe("");
  });

  it("marks each match and offers the three forms for an open finding (FR)", () => {
    const html = section("fr");
    expect(html).toContain('<h2 id="screening-title">Données personnelles possibles</h2>');
    expect(html).toContain("Contact : <mark>jan@example.be</mark> pour le suivi.");
    const action = `/fr/staff/screening/f1?returnTo=${encodeURIComponent("/fr/staff/returns/r1#screening")}`;
    expect(html.split(`action="${action.replace(/&/g, "&amp;")}"`)).toHaveLength(4);
    for (const choice of ["confirm", "redact", "override"]) {
      expect(html).toMatch(
        new RegExp(`<button type="submit" value="${choice}"[^>]* name="action"`),
      );
    }
    expect(html).toContain(
      '<label class="label" for="replacement-f1">Texte publié à la place</label>',
    );
    expect(html).toContain('aria-describedby="reason-f1-hint"');
    // The resolved one: no forms, who resolved it, the wording published.
    expect(html).toContain("Dans le libellé du chiffre 2");
    expect(html).toContain("Remplacée par Ana Reviewer le");
    expect(html).toContain("Publié à la place : « la ligne du projet »");
    expect(html).not.toContain("/fr/staff/screening/f2");
  });

  it("speaks Dutch, and shows no forms to someone who may not resolve", () => {
    const html = section("nl", false);
    expect(html).toContain("Mogelijke persoonsgegevens");
    expect(html).toContain("Maatregel 2.1");
    expect(html).toContain("E-mailadres");
    expect(html).not.toContain("<form");
    for (const key of ["review.", "finding.", "actions.", "statuses.", "kinds."]) {
      expect(html).not.toContain(key);
    }
  });
});
