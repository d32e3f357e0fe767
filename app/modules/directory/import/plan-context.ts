// What the import's planners share: the directory snapshot they read, the writes and rows they
// plan, the errors they report, and the index of organisations known so far.
import type {
  ContactRole,
  FundingChannel,
  Language,
  MeasureLink,
  OrganisationKind,
} from "~/generated/prisma/enums";
import type { SheetRow } from "./cells";
import type { FieldOf, ImportSheet } from "./columns";
import { columnsOf } from "./columns";
import type { ImportErrorCode, RowError } from "./errors";

export interface SnapshotOrganisation {
  id: string;
  slug: string;
  kind: OrganisationKind;
  officialId: string | null;
  nameFr: string;
  nameNl: string;
  preferredLanguage: Language;
  parentCommuneId: string | null;
  followedById: string | null;
  coveredCommuneIds: string[];
}

export interface SnapshotFunding {
  id: string;
  endYear: number;
  amountCents: number | null;
  /** Links to the active plan's measures only: links to an older plan's are kept as they are. */
  measures: Map<string, MeasureLink>;
  missionIds: Set<string>;
}

export interface DirectorySnapshot {
  plan: { id: string; measures: Map<string, string>; missions: Map<string, string> } | null;
  organisations: SnapshotOrganisation[];
  /** Active staff members by lower-case email: who may follow a partner. */
  staff: Map<string, string>;
  /** Accounts of the file's contact emails, by lower-case email. */
  users: Map<string, { id: string; staffRole: string }>;
  /** Memberships of the file's organisations, by `${organisationId}|${userId}`. */
  memberships: Map<
    string,
    { id: string; reportRole: ContactRole; jobTitle: string | null; organisationAdmin: boolean }
  >;
  /** Fundings of the file's organisations, by fundingKey. */
  fundings: Map<string, SnapshotFunding>;
}

export const fundingKey = (
  organisationRef: string,
  channel: FundingChannel,
  startYear: number,
  title: string,
) => `${organisationRef}|${channel}|${startYear}|${title}`;

/** An id of the database, or `new:<slug>` / `new:<email>` for what this import creates. */
export type Ref = string;
export const isNewRef = (ref: Ref) => ref.startsWith("new:");

export interface OrganisationWrite {
  ref: Ref;
  slug: string;
  kind: OrganisationKind;
  officialId: string | null;
  nameFr: string;
  nameNl: string;
  preferredLanguage: Language;
  parentCommuneRef: Ref | null;
  followedById: string | null;
}

export interface ImportWrites {
  organisationsToCreate: OrganisationWrite[];
  organisationsToUpdate: OrganisationWrite[];
  /** Zones whose covered communes are replaced by these. */
  coverage: { zoneRef: Ref; communeRefs: Ref[] }[];
  usersToCreate: { email: string; displayName: string; preferredLanguage: Language }[];
  membershipsToCreate: {
    organisationRef: Ref;
    userRef: Ref;
    reportRole: ContactRole;
    jobTitle: string | null;
    organisationAdmin: boolean;
  }[];
  membershipsToUpdate: {
    id: string;
    reportRole: ContactRole;
    jobTitle: string | null;
    organisationAdmin: boolean;
  }[];
  fundingsToCreate: FundingWrite[];
  /** With `links`: the active plan's measures and missions are replaced. */
  fundingsToUpdate: (FundingWrite & { id: string; links: boolean })[];
}

export interface FundingWrite {
  organisationRef: Ref;
  channel: FundingChannel;
  startYear: number;
  endYear: number;
  title: string;
  amountCents: number | null;
  measures: { measureId: string; link: MeasureLink }[];
  missionIds: string[];
}

export type ImportEntity = "organisation" | "contact" | "funding";
export type ImportAction = "create" | "update" | "unchanged";

export interface PlannedRow {
  sheet: ImportSheet;
  line: number;
  entity: ImportEntity;
  action: ImportAction;
  /** What the row is about: an identifier or key, an email, a funding's title. */
  label: string;
  /** The organisation of a contact or funding (its identifier or key). */
  organisation: string | null;
  /** The columns whose value changes (English column names). */
  changes: string[];
}

export interface ImportPlan {
  rows: PlannedRow[];
  errors: RowError[];
  writes: ImportWrites;
  totals: Record<ImportEntity, Record<ImportAction, number>>;
}

/** What the planners share: the errors list, the organisations known so far, the writes. */
export type KnownOrganisation = SnapshotOrganisation & { ref: Ref; label: string };

/** Organisations by ref, by `${kind}|${officialId}` and by slug. */
export class OrganisationIndex {
  readonly byRef = new Map<Ref, KnownOrganisation>();
  readonly byIdentifier = new Map<string, KnownOrganisation>();
  readonly bySlug = new Map<string, KnownOrganisation>();
  add(organisation: KnownOrganisation) {
    this.byRef.set(organisation.ref, organisation);
    this.bySlug.set(organisation.slug, organisation);
    if (organisation.officialId)
      this.byIdentifier.set(`${organisation.kind}|${organisation.officialId}`, organisation);
  }
}

export interface PlanContext {
  snapshot: DirectorySnapshot;
  errors: RowError[];
  rows: PlannedRow[];
  writes: ImportWrites;
  /** Organisations of the directory and those this file creates. */
  organisations: OrganisationIndex;
  /** Identifiers and keys of organisation rows that have errors: named by a contact, say so. */
  failedOrganisations: Map<string, number>;
}

/** A problem of one row's cell (or the whole row when field is null). */
export function rowError<S extends ImportSheet>(
  context: PlanContext,
  sheet: S,
  row: SheetRow<S>,
  field: FieldOf<S> | null,
  key: RowError["key"] | ImportErrorCode,
  params?: RowError["params"],
) {
  // A refused cell (a formula…) was reported once: what follows from it would only repeat it.
  if (field !== null && row.badFields.has(field)) return;
  const fullKey = (key.startsWith("directory:") ? key : `errors.${key}`) as RowError["key"];
  context.errors.push({
    sheet,
    line: row.line,
    column: field === null ? null : (row.headers[field] ?? headerOf(sheet, field)),
    key: fullKey,
    ...(params ? { params } : {}),
  });
}

function headerOf<S extends ImportSheet>(sheet: S, field: FieldOf<S>) {
  return columnsOf[sheet].find((c) => c.field === field)?.header.en ?? null;
}

/** A form schema's issue (a directory strings key) as an import error key. */
export function schemaKey(message: string): RowError["key"] {
  return message.startsWith("errors.")
    ? (`directory:${message}` as RowError["key"])
    : ("errors.invalid" as RowError["key"]);
}

/**
 * Lets other requests run every few hundred rows: planning 10,000 rows takes about a second,
 * which must not hold the server's event loop in one piece.
 */
export async function eachRow<T>(rows: readonly T[], plan: (row: T) => void) {
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    plan(rows[i]!);
  }
}
