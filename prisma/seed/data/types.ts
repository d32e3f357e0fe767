// Shapes of the reference and demo data loaded by the seed. Plain data, no Prisma types,
// so tests and factories can reuse it.

export type Bilingual = { fr: string; nl: string };

export type Language = "fr" | "nl";

export interface ReferenceItemSeed {
  /** Stable code within the plan, e.g. "OS1", "PA2", "MT3". */
  code: string;
  title: Bilingual;
  /** Text could not be established from the source and must be checked by staff. */
  needsVerification: boolean;
  verificationNote?: string;
}

export interface MeasureSeed {
  /** "theme.n", e.g. "1.3". */
  code: string;
  /** Official French wording (annex of the 2021-2022 report). */
  title: Bilingual;
  /** The wording is known to be wrong or doubtful in the source. */
  textToVerify: boolean;
  verificationNote?: string;
}

export interface ThemeSeed {
  /** "1" .. "9" */
  code: string;
  title: Bilingual;
  measures: MeasureSeed[];
}

export interface PlanSeed {
  code: string;
  title: Bilingual;
  startYear: number;
  endYear: number;
  /** Dutch texts are working translations until staff confirm them. */
  dutchIsWorkingTranslation: boolean;
  strategicObjectives: ReferenceItemSeed[];
  actionPrinciples: ReferenceItemSeed[];
  transversalMissions: ReferenceItemSeed[];
  themes: ThemeSeed[];
}

export type OrganisationKind =
  "POLICE_ZONE" | "COMMUNE" | "LISA_ANTENNA" | "REGIONAL_BODY" | "NON_PROFIT";

export type FundingChannel =
  | "FSE" // Fonds Sommets européens: police zones
  | "PBPP" // Plan bruxellois de prévention et de proximité: communes
  | "LISA" // LISA call: antennas run by communes
  | "REGIONAL" // regional subsidy: STIB, CIRB/Paradigm
  | "ASBL_CALL" // ASBL call for projects
  | "ASBL_OUTSIDE_CALL"; // non-profits funded outside the call

export interface OrganisationSeed {
  /** Stable slug used to link seed rows, e.g. "zp-5339", "commune-21004", "asbl-transit". */
  key: string;
  kind: OrganisationKind;
  /** Zone number, NIS code, or enterprise (BCE/KBO) number when known; null otherwise. */
  officialId: string | null;
  name: Bilingual;
  preferredLanguage: Language;
  /** LISA antenna: NIS code of the commune that runs it. */
  parentCommuneNis?: string;
  /** Police zone: NIS codes of the communes it covers. */
  coveredCommunesNis?: string[];
}

export interface FundingSeed {
  organisationKey: string;
  channel: FundingChannel;
  startYear: number;
  endYear: number;
  /** As written by the agency, in the partner's language. */
  title: string;
  /** Euros, when known. */
  amount?: number;
  measures: { code: string; link: "PRIMARY" | "SECONDARY" }[];
  /** Codes of transversal missions (ReferenceItemSeed.code). */
  transversalMissions?: string[];
}

export interface ContactSeed {
  organisationKey: string;
  /** Fictional, always @example.org. */
  email: string;
  displayName: string;
  preferredLanguage: Language;
  role: "PARTNER_MEMBER";
}
