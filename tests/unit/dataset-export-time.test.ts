// Times in the dataset's downloads are Brussels' wall clock (export-rows.server.ts): computed
// from an offset kept per hour of UTC instead of Intl for every cell. Brussels changes its offset
// on the hour, so the instants around both changes of 2026 must read as Intl reads them.
import { describe, expect, it } from "vitest";
import { brusselsStamp, brusselsWallClock } from "~/modules/dataset/export-rows.server";

const intl = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Brussels",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

describe("Brussels wall-clock times in downloads", () => {
  it("reads every minute around both 2026 clock changes as Intl does", () => {
    for (const change of ["2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z"]) {
      const at = Date.parse(change);
      for (let minute = -120; minute <= 120; minute += 7) {
        const date = new Date(at + minute * 60_000 + 13_000);
        expect(brusselsStamp(date)).toBe(intl.format(date));
      }
    }
  });

  it("gives Excel a date whose UTC fields are Brussels' clock", () => {
    expect(brusselsWallClock(new Date("2026-01-15T23:30:00Z")).toISOString()).toBe(
      "2026-01-16T00:30:00.000Z",
    );
    expect(brusselsWallClock(new Date("2026-07-01T10:00:00.250Z")).toISOString()).toBe(
      "2026-07-01T12:00:00.250Z",
    );
  });
});
