// UI strings' keys are types (app/types/i18next.d.ts). The @ts-expect-error lines below are the
// proof that tsc (`npm run typecheck`) refuses a missing key: if the typing were lost, each would
// be an unused @ts-expect-error, itself a tsc error.
import { describe, expect, it } from "vitest";
import { getFixedT } from "~/modules/i18n/i18n.server";
import type { Key } from "~/modules/i18n/keys";
import { answerError } from "~/modules/questionnaires/answer-errors";

describe("typed i18n keys", () => {
  it("translate known keys and refuse unknown ones at compile time", () => {
    const t = getFixedT("fr", "auth");
    expect(t("login.title")).toBe("Se connecter");
    // @ts-expect-error a key in no strings file
    expect(t("login.noSuchKey")).toBe("login.noSuchKey");
    // @ts-expect-error a key of another namespace (common), asked of the auth strings
    expect(t("breadcrumbs")).toBe("breadcrumbs");

    const known: Key<"returns"> = "status.COMPLETED";
    // @ts-expect-error a status with no label
    const unknown: Key<"returns"> = "status.DONE";
    expect([known, unknown]).toEqual(["status.COMPLETED", "status.DONE"]);
  });

  it("type the answer errors written by the checks", () => {
    expect(answerError("maxLength", { max: 10 })).toBe("errors.maxLength?max=10");
    // @ts-expect-error an answer error with no message
    expect(answerError("tooShort")).toBe("errors.tooShort");
  });
});
