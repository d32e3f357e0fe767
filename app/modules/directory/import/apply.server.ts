// Writes a planned import, set-based: one statement per kind of write (and per slice of a few
// thousand rows), never one per row, so 10,000 rows take seconds, not minutes. New rows get
// their ids here, so an antenna can name a commune created by the same statement, a contact
// an organisation created a moment before. Runs inside the caller's transaction.
import { randomBytes } from "node:crypto";
import type { Tx } from "~/utils/db.server";
import { isNewRef, type ImportWrites, type Ref } from "./plan";

const SLICE = 2000;

function slices<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += SLICE) out.push(items.slice(i, i + SLICE));
  return out;
}

/** An id shaped like Prisma's cuid() (c + 24 lower-case base-36 characters). */
export function newId(): string {
  const bytes = randomBytes(24);
  let id = "c";
  for (const byte of bytes) id += (byte % 36).toString(36);
  return id;
}

type Columns = Record<string, { type: string; cast?: string }>;

const recordset = (columns: Columns, withId: boolean) =>
  [
    ...(withId ? ["id text"] : []),
    ...Object.entries(columns).map(([n, c]) => `"${n}" ${c.type}`),
  ].join(", ");
const valueOf = (name: string, c: { cast?: string }) =>
  `x."${name}"${c.cast ? `::"${c.cast}"` : ""}`;

/**
 * Inserts rows from a JSON array in one statement per slice (Prisma's createMany sends one
 * bound parameter per value, which is ten times slower on the embedded engine for 10,000
 * rows). `updatedAt` has no default in the tables (Prisma sets it): given here.
 */
async function insertFromJson(
  tx: Tx,
  table: string,
  columns: Columns,
  rows: Record<string, unknown>[],
  options: { updatedAt: boolean },
) {
  const entries = Object.entries(columns);
  const names = entries.map(([n]) => `"${n}"`);
  const values = entries.map(([n, c]) => valueOf(n, c));
  if (options.updatedAt) {
    names.push(`"updatedAt"`);
    values.push("now()");
  }
  for (const slice of slices(rows))
    await tx.$executeRawUnsafe(
      `INSERT INTO "${table}" (${names.join(", ")}) SELECT ${values.join(", ")} ` +
        `FROM jsonb_to_recordset($1::jsonb) AS x(${recordset(columns, false)})`,
      JSON.stringify(slice),
    );
}

/** Updates rows by id from a JSON array in one statement per slice. */
async function updateFromJson(
  tx: Tx,
  table: string,
  columns: Columns,
  rows: Record<string, unknown>[],
) {
  const assignments = Object.entries(columns)
    .map(([n, c]) => `"${n}" = ${valueOf(n, c)}`)
    .join(", ");
  for (const slice of slices(rows))
    await tx.$executeRawUnsafe(
      `UPDATE "${table}" AS t SET ${assignments}, "updatedAt" = now() ` +
        `FROM jsonb_to_recordset($1::jsonb) AS x(${recordset(columns, true)}) WHERE t.id = x.id`,
      JSON.stringify(slice),
    );
}

const text = { type: "text" };
const integer = { type: "integer" };
const organisationColumns: Columns = {
  officialId: text,
  nameFr: text,
  nameNl: text,
  preferredLanguage: { type: "text", cast: "Language" },
  parentCommuneId: text,
  followedById: text,
};
const membershipColumns: Columns = {
  reportRole: { type: "text", cast: "ContactRole" },
  jobTitle: text,
  organisationAdmin: { type: "boolean" },
};

export async function writeImport(tx: Tx, writes: ImportWrites, activePlanId: string | null) {
  const ids = new Map<Ref, string>();
  const idOf = (ref: Ref) => {
    if (!isNewRef(ref)) return ref;
    const id = ids.get(ref);
    if (!id) throw new Error(`import: unresolved reference`);
    return id;
  };
  for (const o of writes.organisationsToCreate) ids.set(o.ref, newId());
  for (const u of writes.usersToCreate) ids.set(`new:${u.email}`, newId());
  const organisationRow = (o: ImportWrites["organisationsToCreate"][number]) => ({
    id: idOf(o.ref),
    officialId: o.officialId,
    nameFr: o.nameFr,
    nameNl: o.nameNl,
    preferredLanguage: o.preferredLanguage,
    parentCommuneId: o.parentCommuneRef ? idOf(o.parentCommuneRef) : null,
    followedById: o.followedById,
  });

  await insertFromJson(
    tx,
    "Organisation",
    {
      id: text,
      slug: text,
      kind: { type: "text", cast: "OrganisationKind" },
      ...organisationColumns,
    },
    writes.organisationsToCreate.map((o) => ({
      ...organisationRow(o),
      slug: o.slug,
      kind: o.kind,
    })),
    { updatedAt: true },
  );
  await updateFromJson(
    tx,
    "Organisation",
    organisationColumns,
    writes.organisationsToUpdate.map(organisationRow),
  );

  if (writes.coverage.length > 0) {
    const zoneIds = writes.coverage.map((c) => idOf(c.zoneRef));
    for (const slice of slices(zoneIds))
      await tx.policeZoneCommune.deleteMany({ where: { zoneId: { in: slice } } });
    const pairs = writes.coverage.flatMap((c) =>
      [...new Set(c.communeRefs)].map((commune) => ({
        zoneId: idOf(c.zoneRef),
        communeId: idOf(commune),
      })),
    );
    await insertFromJson(tx, "PoliceZoneCommune", { zoneId: text, communeId: text }, pairs, {
      updatedAt: false,
    });
  }

  await insertFromJson(
    tx,
    "User",
    {
      id: text,
      email: text,
      displayName: text,
      preferredLanguage: { type: "text", cast: "Language" },
    },
    writes.usersToCreate.map((u) => ({ ...u, id: idOf(`new:${u.email}`) })),
    { updatedAt: true },
  );
  await insertFromJson(
    tx,
    "Membership",
    { id: text, organisationId: text, userId: text, ...membershipColumns },
    writes.membershipsToCreate.map((m) => ({
      id: newId(),
      organisationId: idOf(m.organisationRef),
      userId: idOf(m.userRef),
      reportRole: m.reportRole,
      jobTitle: m.jobTitle,
      organisationAdmin: m.organisationAdmin,
    })),
    { updatedAt: true },
  );
  await updateFromJson(tx, "Membership", membershipColumns, writes.membershipsToUpdate);

  const created = writes.fundingsToCreate.map((f) => ({ ...f, id: newId() }));
  await insertFromJson(
    tx,
    "Funding",
    {
      id: text,
      organisationId: text,
      channel: { type: "text", cast: "FundingChannel" },
      startYear: integer,
      endYear: integer,
      title: text,
      amountCents: integer,
    },
    created.map((f) => ({
      id: f.id,
      organisationId: idOf(f.organisationRef),
      channel: f.channel,
      startYear: f.startYear,
      endYear: f.endYear,
      title: f.title,
      amountCents: f.amountCents,
    })),
    { updatedAt: true },
  );
  await updateFromJson(
    tx,
    "Funding",
    { endYear: integer, amountCents: integer },
    writes.fundingsToUpdate.map((f) => ({
      id: f.id,
      endYear: f.endYear,
      amountCents: f.amountCents,
    })),
  );
  const relinked = writes.fundingsToUpdate.filter((f) => f.links);
  if (relinked.length > 0 && activePlanId) {
    for (const slice of slices(relinked.map((f) => f.id))) {
      await tx.fundingMeasure.deleteMany({
        where: { fundingId: { in: slice }, measure: { planId: activePlanId } },
      });
      await tx.fundingTransversalMission.deleteMany({
        where: { fundingId: { in: slice }, mission: { planId: activePlanId } },
      });
    }
  }
  const linked = [...created, ...relinked];
  await insertFromJson(
    tx,
    "FundingMeasure",
    { fundingId: text, measureId: text, link: { type: "text", cast: "MeasureLink" } },
    linked.flatMap((f) =>
      f.measures.map((m) => ({ fundingId: f.id, measureId: m.measureId, link: m.link })),
    ),
    { updatedAt: false },
  );
  await insertFromJson(
    tx,
    "FundingTransversalMission",
    { fundingId: text, missionId: text },
    linked.flatMap((f) => f.missionIds.map((missionId) => ({ fundingId: f.id, missionId }))),
    { updatedAt: false },
  );
}
