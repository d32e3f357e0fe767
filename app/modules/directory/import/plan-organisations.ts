// Organisation rows: matched by (kind, identifier), or by key when the organisation has no
// official number (a LISA antenna, a non-profit without enterprise number). The rules of the
// staff form apply (the directory's organisationSchema): the same organisation cannot be valid
// in one and refused by the other. A column the file lacks leaves the stored value alone.
import type { OrganisationKind } from "~/generated/prisma/enums";
import {
  identifierKindOf,
  parseEnterpriseNumber,
  parseIdentifier,
  parseNisCode,
  parsePoliceZone,
  type IdentifierError,
} from "~/modules/directory/identifiers";
import { organisationSchema } from "~/modules/directory/schema";
import type { ReadSheet, SheetRow } from "./cells";
import type { FieldOf } from "./columns";
import {
  eachRow,
  rowError,
  schemaKey,
  type KnownOrganisation,
  type OrganisationWrite,
  type PlanContext,
  type Ref,
} from "./plan-context";
import { languageOf, listOf, organisationKindOf } from "./values";

type Row = SheetRow<"organisations">;
type Field = FieldOf<"organisations">;

const identifierErrors: Record<IdentifierError, `directory:errors.${string}`> = {
  format: "directory:errors.identifierFormat",
  notBrussels: "directory:errors.identifierNotBrussels",
  checksum: "directory:errors.identifierChecksum",
};

const schemaFields: Record<string, Field> = {
  kind: "kind",
  officialId: "identifier",
  nameFr: "nameFr",
  nameNl: "nameNl",
  preferredLanguage: "language",
  followedById: "followerEmail",
  coveredCommuneIds: "communesCovered",
  parentCommuneId: "parentCommune",
};

const text = (value: string | number | undefined) =>
  value === undefined ? undefined : String(value);

const KEY = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;

/** A key made from a name: "Antenne LISA Peterbos" → "antenne-lisa-peterbos". */
export function slugOf(name: string, max = 50): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
}

const slugPrefix: Record<OrganisationKind, string> = {
  POLICE_ZONE: "zp",
  COMMUNE: "commune",
  LISA_ANTENNA: "lisa",
  REGIONAL_BODY: "regional",
  NON_PROFIT: "asbl",
};

/** The key the staff form gives a new organisation ("zp-5339", "asbl-transit"), made free. */
function generatedSlug(
  context: PlanContext,
  kind: OrganisationKind,
  officialId: string | null,
  nameFr: string,
) {
  const base = `${slugPrefix[kind]}-${slugOf(officialId ?? nameFr, 60)}`;
  let slug = base;
  for (let n = 2; context.organisations.bySlug.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

export async function planOrganisations(context: PlanContext, sheet: ReadSheet<"organisations">) {
  const seen = new Map<string, number>();
  // Communes named by zones and antennas may be created further down the same file.
  const newCommunes = new Set<string>();
  for (const row of sheet.rows) {
    const kind = organisationKindOf(text(row.values.kind) ?? "");
    const id = text(row.values.identifier);
    if (kind === "COMMUNE" && id) {
      const parsed = parseNisCode(id);
      if (parsed.ok) newCommunes.add(parsed.value);
    }
  }
  await eachRow(sheet.rows, (row) => planRow(context, sheet, row, seen, newCommunes));
}

function planRow(
  context: PlanContext,
  sheet: ReadSheet<"organisations">,
  row: Row,
  seen: Map<string, number>,
  newCommunes: Set<string>,
) {
  const errorsBefore = context.errors.length;
  const fail = (
    field: Field | null,
    key: Parameters<typeof rowError>[4],
    params?: Record<string, string | number>,
  ) => rowError(context, "organisations", row, field, key, params);
  const { values } = row;
  const kindText = text(values.kind);
  const kind = kindText ? organisationKindOf(kindText) : null;
  if (!kindText) fail("kind", "required");
  else if (!kind) fail("kind", "unknownKind", { value: kindText.slice(0, 40) });

  let officialId: string | null = null;
  const idText = text(values.identifier);
  if (kind && idText) {
    const idKind = identifierKindOf(kind);
    if (idKind === null) fail("identifier", "identifierNotForKind");
    else {
      const parsed = parseIdentifier(idKind, idText);
      if (parsed.ok) officialId = parsed.value;
      else fail("identifier", identifierErrors[parsed.error]);
    }
  }
  const keyText = text(values.key)?.toLowerCase();
  if (keyText !== undefined && !KEY.test(keyText)) fail("key", "key");
  const key = keyText !== undefined && KEY.test(keyText) ? keyText : null;

  // Match: by identifier first, then by key.
  let existing: KnownOrganisation | undefined;
  if (kind && officialId)
    existing = context.organisations.byIdentifier.get(`${kind}|${officialId}`);
  if (existing && key && existing.slug !== key) fail("key", "keyMismatch", { key: existing.slug });
  if (!existing && key) {
    const byKey = context.organisations.bySlug.get(key);
    if (byKey && kind && byKey.kind !== kind) fail("kind", "kindMismatch");
    else if (byKey && officialId && byKey.officialId && byKey.officialId !== officialId)
      fail("identifier", "keyMismatch", { key: byKey.slug });
    else existing = byKey;
  }
  if (kind && !existing && !officialId && !idText) {
    const idKind = identifierKindOf(kind);
    if (idKind === "POLICE_ZONE" || idKind === "COMMUNE")
      fail("identifier", "directory:errors.identifierRequired");
    else if (!key) fail("key", "keyRequired");
  }

  // A row naming an organisation an earlier row already named (or created) is a duplicate.
  const matchKey = existing
    ? existing.ref
    : kind && officialId
      ? `${kind}|${officialId}`
      : key
        ? `key:${key}`
        : null;
  if (matchKey) {
    const first = seen.get(matchKey);
    if (first !== undefined)
      fail(officialId ? "identifier" : "key", "duplicateRow", { line: first });
    else seen.set(matchKey, row.line);
  }

  const resolveCommune = (nis: string, field: Field): Ref | null => {
    const parsed = parseNisCode(nis);
    if (!parsed.ok) {
      fail(field, identifierErrors[parsed.error]);
      return null;
    }
    const commune = context.organisations.byIdentifier.get(`COMMUNE|${parsed.value}`);
    if (commune) return commune.ref;
    if (newCommunes.has(parsed.value)) return `new:commune|${parsed.value}`;
    fail(field, "unknownCommune", { value: parsed.value });
    return null;
  };

  let language = existing?.preferredLanguage ?? "fr";
  const languageText = text(values.language);
  if (languageText) {
    const parsed = languageOf(languageText);
    if (parsed) language = parsed;
    else fail("language", "unknownLanguage", { value: languageText.slice(0, 40) });
  }

  let followedById = existing?.followedById ?? null;
  if (sheet.columns.has("followerEmail")) {
    const email = text(values.followerEmail)?.toLowerCase();
    followedById = email ? (context.snapshot.staff.get(email) ?? null) : null;
    if (email && !followedById) fail("followerEmail", "unknownFollower");
  }

  let coveredCommuneRefs: Ref[] = existing?.coveredCommuneIds ?? [];
  if (sheet.columns.has("communesCovered")) {
    const items = listOf(text(values.communesCovered) ?? "");
    if (items.length > 0 && kind && kind !== "POLICE_ZONE")
      fail("communesCovered", "communesOnlyForZones");
    coveredCommuneRefs = items
      .map((nis) => resolveCommune(nis, "communesCovered"))
      .filter((r): r is Ref => r !== null);
  }

  let parentCommuneRef: Ref | null = existing?.parentCommuneId ?? null;
  if (sheet.columns.has("parentCommune")) {
    const nis = text(values.parentCommune);
    if (nis && kind && kind !== "LISA_ANTENNA") fail("parentCommune", "parentOnlyForAntennas");
    parentCommuneRef = nis ? resolveCommune(nis, "parentCommune") : null;
  }

  if (kind) {
    const parsed = organisationSchema.safeParse({
      kind,
      officialId: officialId ?? existing?.officialId ?? "",
      nameFr: text(values.nameFr) ?? "",
      nameNl: text(values.nameNl) ?? "",
      preferredLanguage: language,
      followedById: followedById ?? "",
      coveredCommuneIds: coveredCommuneRefs,
      parentCommuneId: parentCommuneRef ?? "",
    });
    if (!parsed.success) {
      const reported = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = schemaFields[String(issue.path[0])] ?? null;
        // Problems already said in the import's own words are not said twice.
        if (
          field &&
          context.errors.slice(errorsBefore).some((e) => e.column === (row.headers[field] ?? null))
        )
          continue;
        const id = `${field}|${issue.message}`;
        if (reported.has(id)) continue;
        reported.add(id);
        fail(field, schemaKey(issue.message));
      }
    } else if (context.errors.length === errorsBefore && !row.hasCellErrors) {
      const input = parsed.data;
      const write: OrganisationWrite = {
        ref: existing?.ref ?? "",
        slug: existing?.slug ?? key ?? generatedSlug(context, kind, input.officialId, input.nameFr),
        kind,
        officialId: input.officialId,
        nameFr: input.nameFr,
        nameNl: input.nameNl,
        preferredLanguage: input.preferredLanguage,
        parentCommuneRef: input.parentCommuneId,
        followedById: input.followedById,
      };
      const ref = record(
        context,
        row,
        existing,
        write,
        input.coveredCommuneIds,
        sheet.columns.has("communesCovered"),
      );
      if (ref) seen.set(ref, row.line);
      return;
    }
  }
  // Contacts and fundings naming this organisation say where its problem is.
  for (const name of [
    kind && officialId ? `${kind}|${officialId}` : null,
    idText ?? null,
    key ? `key:${key}` : null,
  ])
    if (name && !context.failedOrganisations.has(name))
      context.failedOrganisations.set(name, row.line);
}

function record(
  context: PlanContext,
  row: Row,
  existing: KnownOrganisation | undefined,
  write: OrganisationWrite,
  coveredCommuneRefs: Ref[],
  coverageInFile: boolean,
): Ref | null {
  const label = write.officialId ?? write.slug;
  if (!existing) {
    if (context.organisations.bySlug.has(write.slug)) {
      rowError(context, "organisations", row, "key", "keyTaken", { key: write.slug });
      return null;
    }
    const ref: Ref =
      write.kind === "COMMUNE" && write.officialId
        ? `new:commune|${write.officialId}`
        : `new:${write.slug}`;
    write.ref = ref;
    context.writes.organisationsToCreate.push(write);
    if (coveredCommuneRefs.length > 0)
      context.writes.coverage.push({ zoneRef: ref, communeRefs: coveredCommuneRefs });
    context.organisations.add({
      id: ref,
      ref,
      label,
      slug: write.slug,
      kind: write.kind,
      officialId: write.officialId,
      nameFr: write.nameFr,
      nameNl: write.nameNl,
      preferredLanguage: write.preferredLanguage,
      parentCommuneId: write.parentCommuneRef,
      followedById: write.followedById,
      coveredCommuneIds: coveredCommuneRefs,
    });
    context.rows.push({
      sheet: "organisations",
      line: row.line,
      entity: "organisation",
      action: "create",
      label,
      organisation: null,
      changes: [],
    });
    return ref;
  }
  const changes: string[] = [];
  if (write.officialId !== existing.officialId) changes.push("identifier");
  if (write.nameFr !== existing.nameFr) changes.push("name_fr");
  if (write.nameNl !== existing.nameNl) changes.push("name_nl");
  if (write.preferredLanguage !== existing.preferredLanguage) changes.push("language");
  if (write.parentCommuneRef !== existing.parentCommuneId) changes.push("parent_commune");
  if (write.followedById !== existing.followedById) changes.push("follower_email");
  const coverageChanged =
    coverageInFile &&
    (coveredCommuneRefs.length !== existing.coveredCommuneIds.length ||
      coveredCommuneRefs.some((ref) => !existing.coveredCommuneIds.includes(ref)));
  if (coverageChanged) {
    changes.push("communes_covered");
    context.writes.coverage.push({
      zoneRef: existing.ref,
      communeRefs: [...new Set(coveredCommuneRefs)],
    });
  }
  if (changes.some((c) => c !== "communes_covered"))
    context.writes.organisationsToUpdate.push(write);
  context.rows.push({
    sheet: "organisations",
    line: row.line,
    entity: "organisation",
    action: changes.length > 0 ? "update" : "unchanged",
    label,
    organisation: null,
    changes,
  });
  return existing.ref;
}

/**
 * The organisation a contact or funding row names: its identifier (zone number, NIS code,
 * enterprise number) or its key; the optional organisation kind settles an enterprise number
 * carried by two organisations of different kinds.
 */
export function resolveOrganisation(
  context: PlanContext,
  value: string,
  kindText: string | undefined,
):
  | { ok: true; organisation: KnownOrganisation }
  | { ok: false; key: Parameters<typeof rowError>[4]; params?: Record<string, string | number> } {
  const kind = kindText ? organisationKindOf(kindText) : null;
  if (kindText && !kind)
    return { ok: false, key: "unknownKind", params: { value: kindText.slice(0, 40) } };
  const trimmed = value.trim();
  const failedAt = (name: string) => context.failedOrganisations.get(name);
  if (/^(be)?[\d\s./-]+$/i.test(trimmed)) {
    const digits = trimmed.replace(/^be/i, "").replace(/[\s./-]/g, "");
    const candidates: [OrganisationKind, ReturnType<typeof parsePoliceZone>][] =
      digits.length === 4
        ? [["POLICE_ZONE", parsePoliceZone(trimmed)]]
        : digits.length === 5
          ? [["COMMUNE", parseNisCode(trimmed)]]
          : [
              ["REGIONAL_BODY", parseEnterpriseNumber(trimmed)],
              ["NON_PROFIT", parseEnterpriseNumber(trimmed)],
            ];
    const [, parsed] = candidates[0]!;
    if (!parsed.ok) return { ok: false, key: identifierErrors[parsed.error] };
    const found = candidates
      .filter(([k]) => !kind || k === kind)
      .map(([k]) => context.organisations.byIdentifier.get(`${k}|${parsed.value}`))
      .filter((o): o is KnownOrganisation => o !== undefined);
    if (found.length === 1) return { ok: true, organisation: found[0]! };
    if (found.length > 1) return { ok: false, key: "ambiguousOrganisation" };
    const line =
      candidates.map(([k]) => failedAt(`${k}|${parsed.value}`)).find((l) => l !== undefined) ??
      failedAt(trimmed);
    if (line !== undefined) return { ok: false, key: "organisationWithErrors", params: { line } };
    return { ok: false, key: "unknownOrganisation", params: { value: trimmed.slice(0, 40) } };
  }
  const key = trimmed.toLowerCase();
  const found = context.organisations.bySlug.get(key);
  if (found && (!kind || found.kind === kind)) return { ok: true, organisation: found };
  const line = failedAt(`key:${key}`);
  if (line !== undefined) return { ok: false, key: "organisationWithErrors", params: { line } };
  return { ok: false, key: "unknownOrganisation", params: { value: trimmed.slice(0, 40) } };
}
