import type { RawAnswers } from "~/modules/questionnaires/answers";
import { SENT_STATES } from "~/modules/returns/status";
import type { Tx } from "~/utils/db.server";

/** Section A starts from what we know: the organisation's name and its contact persons. */
export async function organisationPrefill(tx: Tx, organisationId: string): Promise<RawAnswers> {
  const org = await tx.organisation.findUniqueOrThrow({
    where: { id: organisationId },
    include: {
      memberships: { include: { user: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  const name = org.preferredLanguage === "nl" ? org.nameNl : org.nameFr;
  return {
    organisationName: name,
    contacts: org.memberships.map((m) => ({
      name: m.user.displayName,
      email: m.user.email,
      role: m.jobTitle ?? "",
    })),
  };
}

/**
 * Answers of the most recent earlier sent return (submitted, resubmitted or approved) for the
 * same funding and measure.
 * The partner checks and updates them (the caller leaves out attachments).
 */
export async function previousYearAnswers(
  tx: Tx,
  input: { organisationId: string; year: number; fundingId: string; measureId: string },
) {
  const previous = await tx.returnSection.findFirst({
    where: {
      fundingId: input.fundingId,
      measureId: input.measureId,
      annualReturn: {
        organisationId: input.organisationId,
        status: { in: SENT_STATES },
        campaign: { year: { lt: input.year } },
      },
    },
    orderBy: { annualReturn: { campaign: { year: "desc" } } },
    select: { id: true, answers: true },
  });
  if (!previous) return null;
  return { answers: { ...(previous.answers as RawAnswers) }, prefilledFromId: previous.id };
}
