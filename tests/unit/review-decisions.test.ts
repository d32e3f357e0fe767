import { describe, expect, it } from "vitest";
import {
  DECISION_NOTE_MAX,
  decisionInputRefusal,
  latestDecisions,
  reviewStanding,
} from "~/modules/review/decisions";

describe("review decisions", () => {
  it("changes needed and not retained say why; accepted may", () => {
    expect(decisionInputRefusal("ACCEPTED", null)).toBeNull();
    expect(decisionInputRefusal("ACCEPTED", "Très clair.")).toBeNull();
    expect(decisionInputRefusal("CHANGES_NEEDED", null)).toBe("note-required");
    expect(decisionInputRefusal("CHANGES_NEEDED", "  \n ")).toBe("note-required");
    expect(decisionInputRefusal("NOT_RETAINED", "")).toBe("note-required");
    expect(decisionInputRefusal("CHANGES_NEEDED", "Chiffres de 2023 ?")).toBeNull();
    expect(decisionInputRefusal("NOT_RETAINED", "x".repeat(DECISION_NOTE_MAX + 1))).toBe(
      "note-too-long",
    );
    expect(decisionInputRefusal("ACCEPTED", "x".repeat(DECISION_NOTE_MAX))).toBeNull();
  });

  it("approval needs every section accepted or not retained; sending back needs one change", () => {
    const s = (
      sectionId: string,
      decision: "ACCEPTED" | "CHANGES_NEEDED" | "NOT_RETAINED" | null,
    ) => ({
      sectionId,
      decision,
    });
    expect(reviewStanding([s("a", "ACCEPTED"), s("b", "NOT_RETAINED")])).toEqual({
      undecided: [],
      changesNeeded: [],
      canApprove: true,
      canRequestChanges: false,
    });
    expect(reviewStanding([s("a", "ACCEPTED"), s("b", null)])).toEqual({
      undecided: ["b"],
      changesNeeded: [],
      canApprove: false,
      canRequestChanges: false,
    });
    // Sending back does not wait for every section: the partner gets what is known now.
    expect(reviewStanding([s("a", "CHANGES_NEEDED"), s("b", null)])).toEqual({
      undecided: ["b"],
      changesNeeded: ["a"],
      canApprove: false,
      canRequestChanges: true,
    });
    // A return with no sections is never approved by default.
    expect(reviewStanding([]).canApprove).toBe(false);
  });

  it("the latest decision on a section counts, whatever order they come in", () => {
    const d = (sectionId: string, seq: number, decision: "ACCEPTED" | "CHANGES_NEEDED") => ({
      sectionId,
      seq,
      decision,
    });
    const latest = latestDecisions([
      d("a", 3, "ACCEPTED"),
      d("a", 1, "CHANGES_NEEDED"),
      d("b", 2, "CHANGES_NEEDED"),
      d("b", 4, "ACCEPTED"),
      d("b", 0, "CHANGES_NEEDED"),
    ]);
    expect(Object.fromEntries([...latest].map(([id, x]) => [id, x.seq]))).toEqual({ a: 3, b: 4 });
  });
});
