// What a reviewer's decisions on the sections of a submission allow: the one policy the review's
// use cases ask (decide.server.ts; approving and sending back come next). A section of the submission is accepted, needs
// changes (a comment says which), or is not retained (it does not belong in the dataset; a
// reason says why). The latest decision on a section is the one that counts.
import type { SectionDecisionKind } from "~/generated/prisma/enums";

export type { SectionDecisionKind };

/** The longest comment or reason a decision takes (characters). */
export const DECISION_NOTE_MAX = 4000;

/** Why a decision cannot be recorded as given. */
export type DecisionInputRefusal = "note-required" | "note-too-long";

/**
 * A decision's own rules: "changes needed" and "not retained" say why (the partner, and later
 * readers of the dataset, must know), "accepted" may say something too.
 */
export function decisionInputRefusal(
  decision: SectionDecisionKind,
  note: string | null | undefined,
): DecisionInputRefusal | null {
  const text = note?.trim() ?? "";
  if (text.length > DECISION_NOTE_MAX) return "note-too-long";
  if (decision !== "ACCEPTED" && text.length === 0) return "note-required";
  return null;
}

export interface DecidedSection {
  sectionId: string;
  /** The section's latest decision on this submission, if any. */
  decision: SectionDecisionKind | null;
}

export interface ReviewStanding {
  /** Sections without a decision yet. */
  undecided: string[];
  /** Sections whose latest decision is "changes needed". */
  changesNeeded: string[];
  /** Every section accepted or not retained: the return may be approved. */
  canApprove: boolean;
  /** At least one section needs changes: the return may be sent back to the partner. */
  canRequestChanges: boolean;
}

/** Where a submission's review stands, from its sections' latest decisions. */
export function reviewStanding(sections: readonly DecidedSection[]): ReviewStanding {
  const undecided = sections.filter((s) => s.decision === null).map((s) => s.sectionId);
  const changesNeeded = sections
    .filter((s) => s.decision === "CHANGES_NEEDED")
    .map((s) => s.sectionId);
  return {
    undecided,
    changesNeeded,
    canApprove: sections.length > 0 && undecided.length === 0 && changesNeeded.length === 0,
    canRequestChanges: changesNeeded.length > 0,
  };
}

/**
 * The latest decision per section, from decisions in any order. `seq` is the order they were
 * recorded in (decisions on one return are recorded one at a time, under the return's lock).
 */
export function latestDecisions<
  D extends { sectionId: string; seq: number; decision: SectionDecisionKind },
>(decisions: readonly D[]): Map<string, D> {
  const latest = new Map<string, D>();
  for (const d of decisions) {
    const seen = latest.get(d.sectionId);
    if (!seen || d.seq > seen.seq) latest.set(d.sectionId, d);
  }
  return latest;
}

// ---------------------------------------------------------------------------------------
// Decisions that carry over a resubmission

/** A section as a submission froze it: what identifies its content. */
export interface SubmittedSectionContent {
  sectionId: string;
  answers: unknown;
  attachments: readonly { id: string }[];
}

/**
 * What a section holds, as one comparable string: its checked answers and its attachments.
 * Two submissions of a section with the same key sent the same thing.
 */
export function sectionContentKey(section: SubmittedSectionContent): string {
  return stableJson({
    answers: section.answers,
    attachments: section.attachments.map((a) => a.id).sort(),
  });
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface RecordedDecision {
  submissionId: string;
  sectionId: string;
  seq: number;
  decision: SectionDecisionKind;
  note: string | null;
  decidedById: string | null;
  decidedAt: Date;
}

export interface EffectiveDecision extends RecordedDecision {
  /** Made on an earlier submission and kept: the section did not change since. */
  carriedForward: boolean;
}

/**
 * The decision that stands for each section of the latest submission: the latest one made on
 * it, or, for a section sent again unchanged, the one that stood on the submission before
 * (and so on back). A section that changed waits for a new decision.
 */
export function effectiveDecisions(
  submissions: readonly {
    id: string;
    number: number;
    sections: readonly SubmittedSectionContent[];
  }[],
  decisions: readonly RecordedDecision[],
): Map<string, EffectiveDecision> {
  const ordered = [...submissions].sort((a, b) => a.number - b.number);
  let standing = new Map<string, EffectiveDecision>();
  let previousKeys = new Map<string, string>();
  for (const submission of ordered) {
    const own = latestDecisions(decisions.filter((d) => d.submissionId === submission.id));
    const next = new Map<string, EffectiveDecision>();
    const keys = new Map<string, string>();
    for (const section of submission.sections) {
      const key = sectionContentKey(section);
      keys.set(section.sectionId, key);
      const made = own.get(section.sectionId);
      if (made) {
        next.set(section.sectionId, { ...made, carriedForward: false });
        continue;
      }
      const earlier = standing.get(section.sectionId);
      if (earlier && previousKeys.get(section.sectionId) === key) {
        next.set(section.sectionId, { ...earlier, carriedForward: true });
      }
    }
    standing = next;
    previousKeys = keys;
  }
  return standing;
}
