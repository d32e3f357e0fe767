import type { RawAnswers } from "~/modules/questionnaires/answers";

/**
 * The declaration is signed by the person filling it in: its name and function start from
 * the signed-in user and their role in the organisation, so nobody retypes what we know.
 * Only empty answers are filled; what the partner typed or saved always wins. Not saved
 * until the partner saves the section.
 */
export function withDeclarant(
  answers: RawAnswers,
  section: { kind: string },
  questionIds: readonly string[],
  user: {
    displayName: string;
    memberships: readonly { organisationId: string; jobTitle: string | null }[];
  },
  organisationId: string,
): RawAnswers {
  if (section.kind !== "DECLARATION") return answers;
  const jobTitle = user.memberships.find((m) => m.organisationId === organisationId)?.jobTitle;
  const defaults: Record<string, string | null | undefined> = {
    declarantName: user.displayName,
    declarantRole: jobTitle,
  };
  const filled: RawAnswers = { ...answers };
  for (const [id, value] of Object.entries(defaults)) {
    if (!questionIds.includes(id) || !value) continue;
    const current = filled[id];
    if (current === undefined || current === null || current === "") filled[id] = value;
  }
  return filled;
}
