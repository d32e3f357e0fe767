// The CSV template of the contributions import, headed in the page's language: ";"-separated
// with a UTF-8 BOM (how Excel in Belgium opens a CSV as UTF-8, in columns). Figures are columns
// "figure:<label> [<unit>]" (FR "chiffre:", NL "cijfer:"), one per figure, the cell holding the
// number; a row leaves a figure's cell empty when it has none.
//
// The header line only: example rows naming real partners and measures would pass the dry run
// and be imported as approved contributions if the file were sent back unchanged. Examples are
// in docs/contributions-import.md; a template sent back as is is an empty file (refused).
import type { Language } from "~/modules/i18n/languages";
import { contributionColumns } from "./columns";

const figureHeader: Record<Language, string> = {
  fr: "chiffre:Participants [personnes]",
  nl: "cijfer:Deelnemers [personen]",
};

const cell = (value: string) => (/[;"\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export function contributionTemplateCsv(lang: Language): string {
  const headers = [...contributionColumns.map((c) => c.header[lang]), figureHeader[lang]];
  return `\ufeff${headers.map(cell).join(";")}\r\n`;
}

export const contributionTemplateFileName = (lang: Language) =>
  lang === "nl" ? "bijdragen.csv" : "contributions.csv";
