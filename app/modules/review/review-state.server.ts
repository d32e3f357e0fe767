// Where the review of a return stands, read in one place for every use case and page: its
// submissions, the latest one, and the decision that stands on each of its sections (made on
// it, or carried over from an earlier submission that sent the section unchanged).
import { submissionsOf } from "~/modules/returns/submissions.server";
import type { Tx } from "~/utils/db.server";
import { effectiveDecisions, reviewStanding, type EffectiveDecision } from "./decisions";

export async function reviewStateOf(
  tx: Pick<Tx, "submission" | "sectionDecision">,
  returnId: string,
) {
  const submissions = await submissionsOf(tx, returnId);
  const latest = submissions.at(-1) ?? null;
  const previous = submissions.length > 1 ? submissions[submissions.length - 2]! : null;
  const decisions = await tx.sectionDecision.findMany({
    where: { returnId },
    select: {
      submissionId: true,
      sectionId: true,
      seq: true,
      decision: true,
      note: true,
      decidedById: true,
      decidedAt: true,
    },
  });
  const effective: Map<string, EffectiveDecision> = effectiveDecisions(
    submissions.map((s) => ({ id: s.id, number: s.number, sections: s.snapshot.sections })),
    decisions,
  );
  const sections = latest?.snapshot.sections ?? [];
  const standing = reviewStanding(
    sections.map((s) => ({
      sectionId: s.sectionId,
      decision: effective.get(s.sectionId)?.decision ?? null,
    })),
  );
  return { submissions, latest, previous, decisions, effective, standing };
}

export type ReviewState = Awaited<ReturnType<typeof reviewStateOf>>;
