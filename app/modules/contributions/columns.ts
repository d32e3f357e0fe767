// The columns of a contributions file (one row per contribution) and how a header is
// recognised: in English, French or Dutch, whatever its case, accents, spaces or hyphens
// ("Année", "annee" and "jaar" are the same column). Figures are columns of their own, one per
// figure: `figure:<label>` or `figure:<label> [<unit>]` (the FR/NL words "chiffre:" and
// "cijfer:" too), each cell the figure's number for that row. Documented in the template and
// docs/contributions-import.md.
import type { Language } from "~/modules/i18n/languages";
import { normaliseName } from "~/modules/directory/import/columns";

export const contributionFields = [
  "year",
  "organisation",
  "channel",
  "measure",
  "link",
  "narrative",
  "language",
] as const;
export type ContributionField = (typeof contributionFields)[number];

export interface ContributionColumn {
  field: ContributionField;
  required: boolean;
  header: Record<Language | "en", string>;
  aliases: string[];
}

const column = (
  field: ContributionField,
  required: boolean,
  en: string,
  fr: string,
  nl: string,
  aliases: string[] = [],
): ContributionColumn => ({ field, required, header: { en, fr, nl }, aliases });

export const contributionColumns: readonly ContributionColumn[] = [
  column("year", true, "year", "année", "jaar"),
  column("organisation", true, "organisation", "organisation", "organisatie", [
    "organization",
    "partenaire",
    "partner",
  ]),
  column("channel", true, "channel", "canal", "kanaal"),
  column("measure", true, "measure", "mesure", "maatregel", ["code_mesure", "code_maatregel"]),
  column("link", false, "link", "lien", "band", ["verband", "lien_mesure"]),
  column("narrative", false, "narrative", "récit", "verhaal", ["description", "beschrijving"]),
  column("language", false, "language", "langue", "taal"),
];

/** A figure column's label and unit, as written after its prefix. */
export interface FigureColumn {
  label: string;
  unit: string;
}

const figurePrefix = /^\s*(figure|chiffre|cijfer)\s*:\s*/i;

/** `figure:Participants [personnes]` → { label: "Participants", unit: "personnes" }; else null. */
export function figureColumnOf(header: string): FigureColumn | null | "invalid" {
  const prefix = figurePrefix.exec(header);
  if (!prefix) return null;
  const rest = header.slice(prefix[0].length).trim();
  const withUnit = /^(.*?)\s*\[([^\]]*)\]$/.exec(rest);
  const label = (withUnit ? withUnit[1]! : rest).trim();
  const unit = withUnit ? withUnit[2]!.trim() : "";
  if (label === "" || label.length > 200 || unit.length > 50) return "invalid";
  return { label, unit };
}

function namesOf(spec: ContributionColumn): string[] {
  return [spec.header.en, spec.header.fr, spec.header.nl, ...spec.aliases].map(normaliseName);
}

/** The field a header names, or null. */
export function fieldOfHeader(header: string): ContributionField | null {
  const name = normaliseName(header);
  if (name === "") return null;
  return contributionColumns.find((c) => namesOf(c).includes(name))?.field ?? null;
}
