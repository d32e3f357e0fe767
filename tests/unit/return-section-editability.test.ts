// Which sections a partner may change (returns/status.ts): while a return is sent back for
// changes, only those the reviewer sent back; otherwise the return's own rule for all of them.
import { describe, expect, it } from "vitest";
import {
  contributionsRefusal,
  editRefusal,
  isSentBack,
  RETURN_STATES,
  sectionEditRefusal,
} from "~/modules/returns/status";

const open = { status: "OPEN" as const, dueAt: new Date("2099-01-01"), graceDays: null };
const closed = { status: "CLOSED" as const, dueAt: new Date("2099-01-01"), graceDays: null };
const sentBack = { changesRequestedAt: new Date("2027-02-01T10:00:00Z") };
const notSentBack = { changesRequestedAt: null };

describe("editing a section", () => {
  it("while sent back for changes: the sections sent back only, and no contribution added or removed", () => {
    const status = "CHANGES_REQUESTED" as const;
    expect(sectionEditRefusal({ status }, open, sentBack)).toBeNull();
    // As read from raw SQL or JSON: a timestamp string counts as set.
    expect(sectionEditRefusal({ status }, open, { changesRequestedAt: "2027-02-01" })).toBeNull();
    expect(sectionEditRefusal({ status }, open, notSentBack)).toBe("not-sent-back");
    expect(contributionsRefusal({ status }, open)).toBe("sent-back");
    // A closed campaign says so first, for every section.
    expect(sectionEditRefusal({ status }, closed, sentBack)).toBe("closed");
    expect(contributionsRefusal({ status }, closed)).toBe("closed");
    expect(isSentBack({ status })).toBe(true);
  });

  it("in every other state: the return's own rule, whatever the section's mark", () => {
    for (const status of RETURN_STATES.filter((s) => s !== "CHANGES_REQUESTED")) {
      for (const campaign of [open, closed]) {
        const own = editRefusal({ status }, campaign);
        expect(sectionEditRefusal({ status }, campaign, notSentBack)).toBe(own);
        expect(sectionEditRefusal({ status }, campaign, sentBack)).toBe(own);
        expect(contributionsRefusal({ status }, campaign)).toBe(own);
      }
      expect(isSentBack({ status })).toBe(false);
    }
    // A reopened return is the partner's again, throughout.
    expect(sectionEditRefusal({ status: "REOPENED" }, open, notSentBack)).toBeNull();
  });
});
