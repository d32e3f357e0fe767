import { describe, expect, it } from "vitest";
import {
  DECISION_NOTE_MAX,
  decisionInputRefusal,
  effectiveDecisions,
  latestDecisions,
  reviewStanding,
  sectionContentKey,
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

describe("decisions across resubmissions", () => {
  const section = (sectionId: string, text: string, attachmentIds: string[] = []) => ({
    sectionId,
    answers: { text, figures: [{ label: "Jeunes", value: 12, unit: "personnes" }] },
    attachments: attachmentIds.map((id) => ({ id })),
  });
  const decided = (
    submissionId: string,
    sectionId: string,
    seq: number,
    decision: "ACCEPTED" | "CHANGES_NEEDED" | "NOT_RETAINED",
  ) => ({
    submissionId,
    sectionId,
    seq,
    decision,
    note: decision === "ACCEPTED" ? null : "Pourquoi ?",
    decidedById: "reviewer",
    decidedAt: new Date("2024-03-01T10:00:00Z"),
  });

  it("the content key ignores key order and attachment order, and sees any change", () => {
    const a = sectionContentKey({
      sectionId: "s",
      answers: { b: 1, a: ["x", "y"] },
      attachments: [{ id: "2" }, { id: "1" }],
    });
    const sameReordered = sectionContentKey({
      sectionId: "s",
      answers: { a: ["x", "y"], b: 1 },
      attachments: [{ id: "1" }, { id: "2" }],
    });
    expect(sameReordered).toBe(a);
    for (const changed of [
      { answers: { b: 2, a: ["x", "y"] }, attachments: [{ id: "1" }, { id: "2" }] },
      { answers: { b: 1, a: ["y", "x"] }, attachments: [{ id: "1" }, { id: "2" }] },
      { answers: { b: 1, a: ["x", "y"] }, attachments: [{ id: "1" }] },
      { answers: { b: 1, a: ["x", "y"], c: null }, attachments: [{ id: "1" }, { id: "2" }] },
    ]) {
      expect(sectionContentKey({ sectionId: "s", ...changed })).not.toBe(a);
    }
  });

  it("a section sent again unchanged keeps its decision; a changed one waits for a new one", () => {
    const first = { id: "sub1", number: 1, sections: [section("a", "un"), section("b", "deux")] };
    const second = {
      id: "sub2",
      number: 2,
      sections: [section("a", "un"), section("b", "deux, corrigé")],
    };
    const decisions = [
      decided("sub1", "a", 1, "ACCEPTED"),
      decided("sub1", "b", 2, "CHANGES_NEEDED"),
    ];
    const afterFirst = effectiveDecisions([first], decisions);
    expect(afterFirst.get("a")).toMatchObject({ decision: "ACCEPTED", carriedForward: false });
    expect(afterFirst.get("b")).toMatchObject({ decision: "CHANGES_NEEDED" });

    const afterSecond = effectiveDecisions([second, first], decisions);
    expect(afterSecond.get("a")).toMatchObject({
      decision: "ACCEPTED",
      submissionId: "sub1",
      carriedForward: true,
    });
    expect(afterSecond.has("b")).toBe(false);

    // A decision made on the new submission is the one that stands, and it carries on again.
    const third = { ...second, id: "sub3", number: 3 };
    const withNew = [...decisions, decided("sub2", "b", 3, "ACCEPTED")];
    expect(effectiveDecisions([first, second], withNew).get("b")).toMatchObject({
      decision: "ACCEPTED",
      carriedForward: false,
    });
    expect(effectiveDecisions([first, second, third], withNew).get("b")).toMatchObject({
      decision: "ACCEPTED",
      submissionId: "sub2",
      carriedForward: true,
    });
  });

  it("a section that changed and then came back as it was does not inherit the old decision", () => {
    const one = { id: "s1", number: 1, sections: [section("a", "un")] };
    const two = { id: "s2", number: 2, sections: [section("a", "autre")] };
    const three = { id: "s3", number: 3, sections: [section("a", "un")] };
    const decisions = [decided("s1", "a", 1, "ACCEPTED")];
    expect(effectiveDecisions([one, two, three], decisions).has("a")).toBe(false);
  });

  it("a section whose attachment changed waits for a new decision", () => {
    const one = { id: "s1", number: 1, sections: [section("a", "un", ["f1"])] };
    const two = { id: "s2", number: 2, sections: [section("a", "un", ["f2"])] };
    const decisions = [decided("s1", "a", 1, "NOT_RETAINED")];
    expect(effectiveDecisions([one, two], decisions).has("a")).toBe(false);
  });
});
