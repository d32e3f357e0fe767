// The CSV template of the contributions import, headed in the page's language: ";"-separated
// with a UTF-8 BOM (how Excel in Belgium opens a CSV as UTF-8, in columns) and two example
// rows. Figures are columns "figure:<label> [<unit>]" (FR "chiffre:", NL "cijfer:"), one per
// figure, the cell holding the number; a row leaves a figure's cell empty when it has none.
import type { Language } from "~/modules/i18n/languages";
import { contributionColumns } from "./columns";

const figureHeader: Record<Language, string> = {
  fr: "chiffre:Participants [personnes]",
  nl: "cijfer:Deelnemers [personen]",
};

const examples: Record<Language, string[][]> = {
  fr: [
    ["2021", "5339", "FSE", "5.1", "principale", "Patrouilles renforcées dans le métro.", "fr", ""],
    [
      "2022",
      "21004",
      "PBPP",
      "4.10",
      "",
      "Ateliers de sensibilisation dans les écoles.",
      "fr",
      "120",
    ],
  ],
  nl: [
    ["2021", "5340", "FSE", "5.1", "primair", "Versterkte patrouilles in de metro.", "nl", ""],
    ["2022", "21010", "PBPP", "4.10", "", "Sensibiliseringsworkshops in scholen.", "nl", "120"],
  ],
};

const cell = (value: string) => (/[;"\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export function contributionTemplateCsv(lang: Language): string {
  const headers = [...contributionColumns.map((c) => c.header[lang]), figureHeader[lang]];
  const lines = [headers, ...examples[lang]].map((row) => row.map(cell).join(";"));
  return `\ufeff${lines.join("\r\n")}\r\n`;
}

export const contributionTemplateFileName = (lang: Language) =>
  lang === "nl" ? "bijdragen.csv" : "contributions.csv";
