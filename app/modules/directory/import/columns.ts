// The three kinds of directory import files and their columns. A header is recognised in
// English, French or Dutch, whatever its case, accents, spaces or hyphens ("Année début",
// "annee_debut" and "start year" are the same column). Sheets of a workbook are recognised by
// name the same way. Documented for staff in docs/directory-import.md.
import type { Language } from "~/modules/i18n/languages";

export const importSheets = ["organisations", "contacts", "fundings"] as const;
export type ImportSheet = (typeof importSheets)[number];

export function isImportSheet(value: unknown): value is ImportSheet {
  return (importSheets as readonly unknown[]).includes(value);
}

export interface ColumnSpec<F extends string = string> {
  field: F;
  required: boolean;
  /** The header written in the templates, per language; "en" is the documented name. */
  header: Record<Language | "en", string>;
  /** Other accepted spellings (normalised by normaliseName). */
  aliases?: string[];
}

const column = <F extends string>(
  field: F,
  required: boolean,
  en: string,
  fr: string,
  nl: string,
  aliases: string[] = [],
): ColumnSpec<F> => ({ field, required, header: { en, fr, nl }, aliases });

export const organisationColumns = [
  column("kind", true, "kind", "type", "soort", ["type_organisation", "soort_organisatie"]),
  column("identifier", false, "identifier", "identifiant", "identificatie", [
    "numero",
    "nummer",
    "official_id",
  ]),
  column("key", false, "key", "cle", "sleutel"),
  column("nameFr", true, "name_fr", "nom_fr", "naam_fr"),
  column("nameNl", true, "name_nl", "nom_nl", "naam_nl"),
  column("language", false, "language", "langue", "taal"),
  column("communesCovered", false, "communes_covered", "communes_couvertes", "gedekte_gemeenten"),
  column("parentCommune", false, "parent_commune", "commune_de_rattachement", "moedergemeente"),
  column("followerEmail", false, "follower_email", "email_suivi", "email_opvolger", [
    "suivi_par",
    "opgevolgd_door",
  ]),
] as const;

/** Contacts and fundings name their organisation by its identifier or key (see plan). */
const organisationRef = [
  column("organisation", true, "organisation", "organisation", "organisatie", [
    "organization",
    "organisation_identifier",
    "identifiant_organisation",
    "identificatie_organisatie",
  ]),
  column("organisationKind", false, "organisation_kind", "type_organisation", "soort_organisatie"),
] as const;

export const contactColumns = [
  ...organisationRef,
  column("email", true, "email", "email", "e_mail", ["courriel", "e_mailadres", "emailadres"]),
  column("name", true, "name", "nom", "naam"),
  column("language", false, "language", "langue", "taal"),
  column("reportRole", false, "report_role", "role_rapport", "rol_verslag"),
  column("jobTitle", false, "job_title", "fonction", "functie"),
  column("organisationAdmin", false, "organisation_admin", "admin_organisation", "beheerder", [
    "administrateur",
    "beheerder_organisatie",
  ]),
] as const;

export const fundingColumns = [
  ...organisationRef,
  column("channel", true, "channel", "canal", "kanaal"),
  column("startYear", true, "start_year", "annee_debut", "beginjaar", ["debut", "begin"]),
  column("endYear", true, "end_year", "annee_fin", "eindjaar", ["fin", "einde"]),
  column("title", true, "title", "titre", "titel", ["intitule"]),
  column("amount", false, "amount", "montant", "bedrag"),
  column("measures", true, "measures", "mesures", "maatregelen"),
  column("missions", false, "missions", "missions", "opdrachten", ["missions_transversales"]),
] as const;

export const columnsOf = {
  organisations: organisationColumns,
  contacts: contactColumns,
  fundings: fundingColumns,
} as const;

export type FieldOf<S extends ImportSheet> = (typeof columnsOf)[S][number]["field"];

/** Lower-case ASCII words joined by "_": "Année de début " → "annee_de_debut". */
export function normaliseName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

function namesOf(spec: ColumnSpec): string[] {
  return [spec.header.en, spec.header.fr, spec.header.nl, ...(spec.aliases ?? [])].map(
    normaliseName,
  );
}

/** The field a header names in this sheet, or null. */
export function fieldOfHeader(sheet: ImportSheet, header: string): string | null {
  const name = normaliseName(header);
  if (name === "") return null;
  const spec = (columnsOf[sheet] as readonly ColumnSpec[]).find((c) => namesOf(c).includes(name));
  return spec?.field ?? null;
}

const sheetNames: Record<ImportSheet, string[]> = {
  organisations: ["organisations", "organizations", "organisaties", "partenaires", "partners"],
  contacts: ["contacts", "contactpersonen", "contactpersoon", "personnes_de_contact"],
  fundings: ["fundings", "financements", "financieringen", "subsides", "subsidies"],
};

/** The sheet a workbook tab (or a file) is named after, or null. */
export function sheetOfName(name: string): ImportSheet | null {
  const normalised = normaliseName(name);
  for (const sheet of importSheets) if (sheetNames[sheet].includes(normalised)) return sheet;
  return null;
}

/**
 * The sheet a header row belongs to, when nothing else says: fundings name a channel, contacts
 * an email, organisations a French name. Null when the headers fit none.
 */
export function sheetOfHeaders(headers: readonly string[]): ImportSheet | null {
  const fields = (sheet: ImportSheet) =>
    new Set(headers.map((h) => fieldOfHeader(sheet, h)).filter(Boolean));
  if (fields("fundings").has("channel")) return "fundings";
  if (fields("contacts").has("email")) return "contacts";
  if (fields("organisations").has("nameFr")) return "organisations";
  return null;
}
