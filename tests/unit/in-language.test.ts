import { describe, expect, it } from "vitest";
import { inLanguage } from "~/modules/returns/view.server";

describe("inLanguage", () => {
  const questions = [
    {
      id: "mode",
      kind: "singleChoice",
      label: { fr: "Mode", nl: "Wijze" },
      required: true,
      choices: [{ value: "a", label: { fr: "Oui", nl: "Ja" } }],
      visibleWhen: { question: "other", equals: ["x", "y"] },
    },
  ];

  it("keeps the page's language and empties the other, leaving everything else alone", () => {
    expect(inLanguage(questions, "nl")).toEqual([
      {
        id: "mode",
        kind: "singleChoice",
        label: { fr: "", nl: "Wijze" },
        required: true,
        choices: [{ value: "a", label: { fr: "", nl: "Ja" } }],
        visibleWhen: { question: "other", equals: ["x", "y"] },
      },
    ]);
    expect(JSON.stringify(inLanguage(questions, "fr"))).not.toMatch(/Wijze|Ja/);
  });
});
