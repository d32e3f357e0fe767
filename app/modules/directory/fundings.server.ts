// Staff record what safe.brussels funds: a funding names its channel, years, title and amount, the
// active plan's measures it pays for (primary or secondary) and its transversal missions. The
// next campaign's returns are generated from these rows. A funding that returns already refer to
// is never deleted (the return would lose its blocks): staff edit it instead.
import type { CurrentUser } from "~/modules/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { prisma, type Tx } from "~/utils/db.server";
import {
  changedFields,
  managesDirectory,
  prismaErrorCode,
  type Invalid,
  type NotFound,
} from "./access.server";
import type { FundingInput } from "./schema";

/** The plan whose measures new fundings name: the active one (the latest if several). */
export async function activePlan(tx: Tx = prisma) {
  return tx.plan.findFirst({
    where: { status: "ACTIVE" },
    orderBy: { startYear: "desc" },
    select: { id: true, code: true },
  });
}

/** Measure and mission codes → ids of the active plan; unknown codes are field errors. */
async function resolveCodes(tx: Tx, input: FundingInput) {
  const plan = await activePlan(tx);
  if (!plan)
    return { outcome: "invalid" as const, errors: { measures: "errors.noActivePlan" as const } };
  const [measures, missions] = await Promise.all([
    tx.measure.findMany({
      where: { planId: plan.id, code: { in: input.measures.map((m) => m.code) } },
      select: { id: true, code: true },
    }),
    tx.transversalMission.findMany({
      where: { planId: plan.id, code: { in: input.missionCodes } },
      select: { id: true, code: true },
    }),
  ]);
  if (measures.length !== input.measures.length)
    return { outcome: "invalid" as const, errors: { measures: "errors.measures" as const } };
  if (missions.length !== input.missionCodes.length)
    return { outcome: "invalid" as const, errors: { missionCodes: "errors.missions" as const } };
  const idOf = new Map(measures.map((m) => [m.code, m.id]));
  return {
    outcome: "resolved" as const,
    measures: input.measures.map((m) => ({ measureId: idOf.get(m.code)!, link: m.link })),
    missionIds: missions.map((m) => m.id),
  };
}

const taken: Invalid = { outcome: "invalid", errors: { title: "errors.fundingTaken" } };

/** What an audit row and a comparison see of a funding: its fields and its codes. */
async function fundingState(tx: Tx, fundingId: string) {
  const funding = await tx.funding.findUnique({
    where: { id: fundingId },
    include: {
      measures: { select: { link: true, measure: { select: { code: true } } } },
      transversalMissions: { select: { mission: { select: { code: true } } } },
    },
  });
  if (!funding) return null;
  return {
    funding,
    fields: {
      channel: funding.channel,
      startYear: funding.startYear,
      endYear: funding.endYear,
      title: funding.title,
      amountCents: funding.amountCents,
      measures: funding.measures.map((m) => `${m.measure.code}:${m.link}`),
      missionCodes: funding.transversalMissions.map((m) => m.mission.code),
    },
  };
}

const fieldsOf = (input: FundingInput) => ({
  channel: input.channel,
  startYear: input.startYear,
  endYear: input.endYear,
  title: input.title,
  amountCents: input.amount,
  measures: input.measures.map((m) => `${m.code}:${m.link}`),
  missionCodes: input.missionCodes,
});

export type CreateFundingOutcome = { outcome: "created"; fundingId: string } | NotFound | Invalid;

export async function createFunding(
  current: CurrentUser,
  organisationId: string,
  input: FundingInput,
): Promise<CreateFundingOutcome> {
  if (!managesDirectory(current)) return { outcome: "not-found" };
  try {
    return await prisma.$transaction(async (tx) => {
      const organisation = await tx.organisation.findUnique({
        where: { id: organisationId },
        select: { id: true },
      });
      if (!organisation) return { outcome: "not-found" as const };
      const codes = await resolveCodes(tx, input);
      if (codes.outcome === "invalid") return codes;
      const funding = await tx.funding.create({
        data: {
          organisationId,
          channel: input.channel,
          startYear: input.startYear,
          endYear: input.endYear,
          title: input.title,
          amountCents: input.amount,
          measures: { create: codes.measures },
          transversalMissions: { create: codes.missionIds.map((missionId) => ({ missionId })) },
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        action: "funding.created",
        actorUserId: current.user.id,
        organisationId,
        targetType: "Funding",
        targetId: funding.id,
        details: {
          channel: input.channel,
          startYear: input.startYear,
          endYear: input.endYear,
          measures: fieldsOf(input).measures,
          missions: input.missionCodes,
        },
      });
      return { outcome: "created" as const, fundingId: funding.id };
    });
  } catch (error) {
    if (prismaErrorCode(error) === "P2002") return taken;
    throw error;
  }
}

export type UpdateFundingOutcome =
  | { outcome: "updated"; changed: string[] }
  | { outcome: "changed-meanwhile"; version: string }
  | NotFound
  | Invalid;

export async function updateFunding(
  current: CurrentUser,
  organisationId: string,
  fundingId: string,
  input: FundingInput & { version: string },
): Promise<UpdateFundingOutcome> {
  if (!managesDirectory(current)) return { outcome: "not-found" };
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await fundingState(tx, fundingId);
      if (!before || before.funding.organisationId !== organisationId)
        return { outcome: "not-found" as const };
      const version = before.funding.updatedAt.toISOString();
      if (version !== input.version) return { outcome: "changed-meanwhile" as const, version };
      const codes = await resolveCodes(tx, input);
      if (codes.outcome === "invalid") return codes;
      const changed = changedFields(before.fields, fieldsOf(input));
      if (changed.length === 0) return { outcome: "updated" as const, changed };
      // The version in the WHERE: of two saves read at the same version, one writes.
      const written = await tx.funding.updateMany({
        where: { id: fundingId, updatedAt: before.funding.updatedAt },
        data: {
          channel: input.channel,
          startYear: input.startYear,
          endYear: input.endYear,
          title: input.title,
          amountCents: input.amount,
          updatedAt: new Date(),
        },
      });
      if (written.count === 0) {
        const now = await tx.funding.findUniqueOrThrow({
          where: { id: fundingId },
          select: { updatedAt: true },
        });
        return { outcome: "changed-meanwhile" as const, version: now.updatedAt.toISOString() };
      }
      if (changed.includes("measures")) {
        await tx.fundingMeasure.deleteMany({ where: { fundingId } });
        await tx.fundingMeasure.createMany({
          data: codes.measures.map((m) => ({ ...m, fundingId })),
        });
      }
      if (changed.includes("missionCodes")) {
        await tx.fundingTransversalMission.deleteMany({ where: { fundingId } });
        await tx.fundingTransversalMission.createMany({
          data: codes.missionIds.map((missionId) => ({ fundingId, missionId })),
        });
      }
      await recordAudit(tx, {
        action: "funding.updated",
        actorUserId: current.user.id,
        organisationId,
        targetType: "Funding",
        targetId: fundingId,
        details: { changed },
      });
      return { outcome: "updated" as const, changed };
    });
  } catch (error) {
    if (prismaErrorCode(error) === "P2002") return taken;
    throw error;
  }
}

export type DeleteFundingOutcome = { outcome: "deleted" } | { outcome: "in-use" } | NotFound;

export async function deleteFunding(
  current: CurrentUser,
  organisationId: string,
  fundingId: string,
): Promise<DeleteFundingOutcome> {
  if (!managesDirectory(current)) return { outcome: "not-found" };
  return prisma.$transaction(async (tx) => {
    const before = await fundingState(tx, fundingId);
    if (!before || before.funding.organisationId !== organisationId)
      return { outcome: "not-found" as const };
    const sections = await tx.returnSection.count({ where: { fundingId } });
    if (sections > 0) return { outcome: "in-use" as const };
    await tx.funding.delete({ where: { id: fundingId } });
    await recordAudit(tx, {
      action: "funding.deleted",
      actorUserId: current.user.id,
      organisationId,
      targetType: "Funding",
      targetId: fundingId,
      details: {
        channel: before.fields.channel,
        startYear: before.fields.startYear,
        endYear: before.fields.endYear,
      },
    });
    return { outcome: "deleted" as const };
  });
}
