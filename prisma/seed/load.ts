// Idempotent loaders for reference data (the plan, the partners) and the demo (fundings,
// contacts, staff). Rows are created when missing and never overwritten, so re-running
// changes nothing and never reverts what staff edited. Tests build on the same loaders.
import type { PrismaClient } from "../../app/generated/prisma/client";
import { contacts } from "./data/contacts";
import { fundings } from "./data/fundings";
import { organisations } from "./data/organisations";
import { pgsp20212024 } from "./data/plan-pgsp-2021-2024";
import type { OrganisationKind, PlanSeed, ReferenceItemSeed } from "./data/types";

type Db = Pick<PrismaClient, "$transaction">;
type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const TX = { timeout: 120_000, maxWait: 30_000 };

export const demoStaff = [
  {
    email: "admin@example.org",
    displayName: "Nadia Benali",
    staffRole: "ADMIN" as const,
    preferredLanguage: "fr" as const,
  },
  {
    email: "reviewer@example.org",
    displayName: "Joris Peeters (demo)",
    staffRole: "REVIEWER" as const,
    preferredLanguage: "nl" as const,
  },
  // A second reviewer: four eyes needs one, and the browser test of the second factor's reset
  // and setup works on this account so that the other tests keep the first one's sessions.
  {
    email: "second.reviewer@example.org",
    displayName: "Élise Martin (démo)",
    staffRole: "REVIEWER" as const,
    preferredLanguage: "fr" as const,
  },
];

async function seedReferenceItems(
  tx: Tx,
  model: "strategicObjective" | "actionPrinciple" | "transversalMission",
  planId: string,
  items: ReferenceItemSeed[],
) {
  for (const [index, item] of items.entries()) {
    const data = {
      planId,
      code: item.code,
      position: index + 1,
      titleFr: item.title.fr,
      titleNl: item.title.nl,
      needsVerification: item.needsVerification,
      verificationNote: item.verificationNote ?? null,
    };
    const where = { planId_code: { planId, code: item.code } };
    // The three models have identical shapes; Prisma's delegates are not a union it can call.
    if (model === "strategicObjective")
      await tx.strategicObjective.upsert({ where, create: data, update: {} });
    else if (model === "actionPrinciple")
      await tx.actionPrinciple.upsert({ where, create: data, update: {} });
    else await tx.transversalMission.upsert({ where, create: data, update: {} });
  }
}

export async function seedPlan(db: Db, plan: PlanSeed = pgsp20212024) {
  await db.$transaction(async (tx) => {
    const row = await tx.plan.upsert({
      where: { code: plan.code },
      update: {},
      create: {
        code: plan.code,
        titleFr: plan.title.fr,
        titleNl: plan.title.nl,
        nlWorkingTranslation: plan.dutchIsWorkingTranslation,
        startYear: plan.startYear,
        endYear: plan.endYear,
        status: "ACTIVE",
      },
    });
    // Servers keep a plan's measure list in memory, keyed by the plan's updatedAt: a measure or
    // theme added here touches the plan so that they read the new list (plan/measures.server.ts).
    const countItems = async () =>
      (await tx.theme.count({ where: { planId: row.id } })) +
      (await tx.measure.count({ where: { planId: row.id } }));
    const itemsBefore = await countItems();
    await seedReferenceItems(tx, "strategicObjective", row.id, plan.strategicObjectives);
    await seedReferenceItems(tx, "actionPrinciple", row.id, plan.actionPrinciples);
    await seedReferenceItems(tx, "transversalMission", row.id, plan.transversalMissions);
    for (const [themeIndex, theme] of plan.themes.entries()) {
      const themeRow = await tx.theme.upsert({
        where: { planId_code: { planId: row.id, code: theme.code } },
        update: {},
        create: {
          planId: row.id,
          code: theme.code,
          position: themeIndex + 1,
          titleFr: theme.title.fr,
          titleNl: theme.title.nl,
        },
      });
      for (const [index, measure] of theme.measures.entries()) {
        await tx.measure.upsert({
          where: { planId_code: { planId: row.id, code: measure.code } },
          update: {},
          create: {
            planId: row.id,
            themeId: themeRow.id,
            code: measure.code,
            position: index + 1,
            titleFr: measure.title.fr,
            titleNl: measure.title.nl,
            nlWorkingTranslation: plan.dutchIsWorkingTranslation,
            textToVerify: measure.textToVerify,
            verificationNote: measure.verificationNote ?? null,
          },
        });
      }
    }
    if ((await countItems()) !== itemsBefore) {
      await tx.plan.update({ where: { id: row.id }, data: { updatedAt: new Date() } });
    }
  }, TX);
}

export async function seedOrganisations(db: Db) {
  await db.$transaction(async (tx) => {
    // Communes first: LISA antennas and police zones point at them.
    const ordered = [...organisations].sort(
      (a, b) => Number(b.kind === "COMMUNE") - Number(a.kind === "COMMUNE"),
    );
    const idBySlug = new Map<string, string>();
    for (const org of ordered) {
      const parentCommuneId = org.parentCommuneNis
        ? idBySlug.get(`commune-${org.parentCommuneNis}`)
        : undefined;
      const row = await tx.organisation.upsert({
        where: { slug: org.key },
        update: {},
        create: {
          slug: org.key,
          kind: org.kind,
          officialId: org.officialId,
          nameFr: org.name.fr,
          nameNl: org.name.nl,
          preferredLanguage: org.preferredLanguage,
          parentCommuneId,
        },
      });
      idBySlug.set(org.key, row.id);
    }
    for (const org of organisations) {
      if (!org.coveredCommunesNis) continue;
      await tx.policeZoneCommune.createMany({
        data: org.coveredCommunesNis.map((nis) => ({
          zoneId: idBySlug.get(org.key)!,
          communeId: idBySlug.get(`commune-${nis}`)!,
        })),
        skipDuplicates: true,
      });
    }
  }, TX);
}

export async function seedDemo(db: Db, planCode = pgsp20212024.code) {
  await db.$transaction(async (tx) => {
    const plan = await tx.plan.findUniqueOrThrow({
      where: { code: planCode },
      include: { measures: true, transversalMissions: true },
    });
    const measureId = new Map(plan.measures.map((m) => [m.code, m.id]));
    const missionId = new Map(plan.transversalMissions.map((m) => [m.code, m.id]));
    const orgs = await tx.organisation.findMany({ select: { id: true, slug: true } });
    const orgId = new Map(orgs.map((o) => [o.slug, o.id]));

    for (const funding of fundings) {
      const organisationId = orgId.get(funding.organisationKey);
      if (!organisationId) throw new Error(`Unknown organisation ${funding.organisationKey}`);
      const key = {
        organisationId,
        channel: funding.channel,
        startYear: funding.startYear,
        title: funding.title,
      };
      const existing = await tx.funding.findUnique({
        where: { organisationId_channel_startYear_title: key },
      });
      if (existing) continue;
      await tx.funding.create({
        data: {
          ...key,
          endYear: funding.endYear,
          amountCents: funding.amount != null ? Math.round(funding.amount * 100) : null,
          measures: {
            create: funding.measures.map((m) => {
              const id = measureId.get(m.code);
              if (!id) throw new Error(`Unknown measure ${m.code}`);
              return { measureId: id, link: m.link };
            }),
          },
          transversalMissions: {
            create: (funding.transversalMissions ?? []).map((code) => {
              const id = missionId.get(code);
              if (!id) throw new Error(`Unknown transversal mission ${code}`);
              return { missionId: id };
            }),
          },
        },
      });
    }

    const listedFirst = new Set<string>();
    for (const contact of contacts) {
      const user = await tx.user.upsert({
        where: { email: contact.email },
        update: {},
        create: {
          email: contact.email,
          displayName: contact.displayName,
          preferredLanguage: contact.preferredLanguage,
        },
      });
      // The first contact listed is the main one and the partner's administrator; the others
      // back it up (told when a reminder escalates).
      const main = !listedFirst.has(contact.organisationKey);
      listedFirst.add(contact.organisationKey);
      const organisationId = orgId.get(contact.organisationKey)!;
      await tx.membership.upsert({
        where: { userId_organisationId: { userId: user.id, organisationId } },
        update: {},
        create: {
          userId: user.id,
          organisationId,
          reportRole: main ? "MAIN" : "BACKUP",
          organisationAdmin: main,
        },
      });
    }

    for (const staff of demoStaff) {
      const existing = await tx.user.findUnique({ where: { email: staff.email } });
      if (existing) continue;
      const user = await tx.user.create({ data: staff });
      // Followers are given once, with the account: staff may change or remove them later.
      const followed = DEMO_FOLLOWED_KINDS[staff.email];
      if (followed) {
        await tx.organisation.updateMany({
          where: { kind: { in: followed }, followedById: null },
          data: { followedById: user.id },
        });
      }
    }
  }, TX);
}

/**
 * The partners each demo reviewer follows (told when their reminders escalate): police zones
 * and non-profits for one, communes for the other; LISA antennas and regional bodies have none.
 */
const DEMO_FOLLOWED_KINDS: Record<string, OrganisationKind[]> = {
  "reviewer@example.org": ["POLICE_ZONE", "NON_PROFIT"],
  "second.reviewer@example.org": ["COMMUNE"],
};

export async function seedReferenceData(db: Db) {
  await seedPlan(db);
  await seedOrganisations(db);
}
