// The CSV templates offered on the import page: the columns of one sheet headed in the page's
// language, ";"-separated with a UTF-8 BOM (how Excel in Belgium opens a CSV as UTF-8, in
// columns), and one example row.
import type { Language } from "~/modules/i18n/languages";
import { columnsOf, type ImportSheet } from "./columns";

const examples: Record<ImportSheet, Record<Language, string[]>> = {
  organisations: {
    fr: ["ASBL", "0403.170.701", "", "Exemple ASBL", "Voorbeeld vzw", "fr", "", "", ""],
    nl: ["vzw", "0403.170.701", "", "Exemple ASBL", "Voorbeeld vzw", "nl", "", "", ""],
  },
  contacts: {
    fr: [
      "0403.170.701",
      "",
      "prenom.nom@example.org",
      "Prénom Nom",
      "fr",
      "main",
      "Coordinatrice",
      "oui",
    ],
    nl: [
      "0403.170.701",
      "",
      "voornaam.naam@example.org",
      "Voornaam Naam",
      "nl",
      "main",
      "Coördinator",
      "ja",
    ],
  },
  fundings: {
    fr: [
      "0403.170.701",
      "",
      "ASBL_CALL",
      "2025",
      "2025",
      "Projet de quartier",
      "12.345,67",
      "4.10:primary|5.1:secondary",
      "MT1|MT3",
    ],
    nl: [
      "0403.170.701",
      "",
      "ASBL_CALL",
      "2025",
      "2025",
      "Buurtproject",
      "12.345,67",
      "4.10:primary|5.1:secondary",
      "MT1|MT3",
    ],
  },
};

const cell = (value: string) => (/[;"\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export function templateCsv(sheet: ImportSheet, lang: Language): string {
  const headers = columnsOf[sheet].map((c) => c.header[lang]);
  return `\ufeff${headers.map(cell).join(";")}\r\n${examples[sheet][lang].map(cell).join(";")}\r\n`;
}

export const templateFileName = (sheet: ImportSheet, lang: Language) =>
  `${lang === "nl" ? { organisations: "organisaties", contacts: "contactpersonen", fundings: "financieringen" }[sheet] : { organisations: "organisations", contacts: "contacts", fundings: "financements" }[sheet]}.csv`;
