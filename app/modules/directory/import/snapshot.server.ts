// The part of the directory an import file can touch, read in a handful of queries: every
// organisation (a few thousand rows at most), the active plan's measures and missions, staff
// members, and the accounts, memberships and fundings of the organisations and emails the file
// names. Read once for a dry run, and again inside the import's transaction.
import type { MeasureLink } from "~/generated/prisma/enums";
import type { prisma, Tx } from "~/utils/db.server";
import type { ReadSheet } from "./cells";
import { fundingKey, type DirectorySnapshot, type SnapshotFunding } from "./plan";

type Db = Tx | typeof prisma;

/** Large IN lists are sent in slices: a statement has at most 65,535 parameters. */
const SLICE = 5000;

async function inSlices<T, R>(items: T[], read: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += SLICE)
    out.push(...(await read(items.slice(i, i + SLICE))));
  return out;
}

export async function loadSnapshot(
  db: Db,
  sheets: { contacts?: ReadSheet<"contacts">; fundings?: ReadSheet<"fundings"> },
): Promise<DirectorySnapshot> {
  const plan = await db.plan.findFirst({
    where: { status: "ACTIVE" },
    orderBy: { startYear: "desc" },
    select: {
      id: true,
      measures: { select: { id: true, code: true } },
      transversalMissions: { select: { id: true, code: true } },
    },
  });
  const organisations = await db.organisation.findMany({
    select: {
      id: true,
      slug: true,
      kind: true,
      officialId: true,
      nameFr: true,
      nameNl: true,
      preferredLanguage: true,
      parentCommuneId: true,
      followedById: true,
      coveredCommunes: { select: { communeId: true } },
    },
  });
  const staff = await db.user.findMany({
    where: { staffRole: { not: "NONE" }, active: true },
    select: { id: true, email: true },
  });

  const emails = [
    ...new Set(
      (sheets.contacts?.rows ?? [])
        .map((row) => row.values.email)
        .filter((e): e is string => typeof e === "string")
        .map((e) => e.toLowerCase()),
    ),
  ];
  const users = await inSlices(emails, (slice) =>
    db.user.findMany({
      where: { email: { in: slice } },
      select: { id: true, email: true, staffRole: true },
    }),
  );
  const userIds = users.map((u) => u.id);
  const memberships = await inSlices(userIds, (slice) =>
    db.membership.findMany({
      where: { userId: { in: slice } },
      select: {
        id: true,
        userId: true,
        organisationId: true,
        reportRole: true,
        jobTitle: true,
        organisationAdmin: true,
      },
    }),
  );

  // Fundings of every organisation the file's funding rows could name: simply all, when the
  // file has funding rows (one row per funding, a few thousand).
  const fundings = sheets.fundings?.rows.length
    ? await db.funding.findMany({
        select: {
          id: true,
          organisationId: true,
          channel: true,
          startYear: true,
          endYear: true,
          title: true,
          amountCents: true,
          measures: plan
            ? { where: { measure: { planId: plan.id } }, select: { measureId: true, link: true } }
            : { where: { measureId: "" }, select: { measureId: true, link: true } },
          transversalMissions: plan
            ? { where: { mission: { planId: plan.id } }, select: { missionId: true } }
            : { where: { missionId: "" }, select: { missionId: true } },
        },
      })
    : [];

  return {
    plan: plan
      ? {
          id: plan.id,
          measures: new Map(plan.measures.map((m) => [m.code, m.id])),
          missions: new Map(plan.transversalMissions.map((m) => [m.code, m.id])),
        }
      : null,
    organisations: organisations.map(({ coveredCommunes, ...o }) => ({
      ...o,
      coveredCommuneIds: coveredCommunes.map((c) => c.communeId),
    })),
    staff: new Map(staff.map((u) => [u.email.toLowerCase(), u.id])),
    users: new Map(users.map((u) => [u.email.toLowerCase(), { id: u.id, staffRole: u.staffRole }])),
    memberships: new Map(
      memberships.map((m) => [
        `${m.organisationId}|${m.userId}`,
        {
          id: m.id,
          reportRole: m.reportRole,
          jobTitle: m.jobTitle,
          organisationAdmin: m.organisationAdmin,
        },
      ]),
    ),
    fundings: new Map(
      fundings.map((f): [string, SnapshotFunding] => [
        fundingKey(f.organisationId, f.channel, f.startYear, f.title),
        {
          id: f.id,
          endYear: f.endYear,
          amountCents: f.amountCents,
          measures: new Map<string, MeasureLink>(f.measures.map((m) => [m.measureId, m.link])),
          missionIds: new Set(f.transversalMissions.map((m) => m.missionId)),
        },
      ]),
    ),
  };
}
