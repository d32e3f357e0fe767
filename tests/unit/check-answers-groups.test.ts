// An optional repeatable group's blank item (the one the form offers to type into) is no
// answer: it neither blocks completing the section nor reaches the checked answers. In a
// required group a blank item still names each missing field.
import { describe, expect, it } from "vitest";
import { checkAnswers } from "~/modules/questionnaires/check-answers";
import { templateDefinition } from "~/modules/questionnaires/definition";

const definition = templateDefinition.parse({
  key: "t-groups",
  title: { fr: "T", nl: "T" },
  channelRules: [],
  sections: [
    {
      id: "s",
      repeat: "once",
      title: { fr: "S", nl: "S" },
      questions: [
        {
          id: "byCommune",
          kind: "repeatableGroup",
          label: { fr: "Par commune", nl: "Per gemeente" },
          itemLabel: { fr: "Commune", nl: "Gemeente" },
          questions: [
            { id: "commune", kind: "shortText", required: true, label: { fr: "C", nl: "G" } },
            { id: "people", kind: "integer", required: true, label: { fr: "P", nl: "P" } },
          ],
        },
        {
          id: "contacts",
          kind: "repeatableGroup",
          required: true,
          label: { fr: "Contacts", nl: "Contacten" },
          itemLabel: { fr: "Contact", nl: "Contact" },
          questions: [
            { id: "name", kind: "shortText", required: true, label: { fr: "N", nl: "N" } },
          ],
        },
      ],
    },
  ],
});
const questions = definition.sections[0]!.questions;
const ctx = { measureCodes: new Set<string>() };

describe("repeatable groups' blank items", () => {
  it("ignores a blank item of an optional group, keeps the filled ones with the form's index", () => {
    const { value, errors } = checkAnswers(
      questions,
      {
        byCommune: [
          { commune: "", people: "" },
          { commune: "Jette", people: "" },
        ],
        contacts: [{ name: "Ana" }],
      },
      ctx,
    );
    expect(errors.map((e) => e.path.join("."))).toEqual(["byCommune.1.people"]);
    expect(value.byCommune).toHaveLength(1);
  });

  it("completes a section whose optional group was left with its blank item", () => {
    const { value, errors } = checkAnswers(
      questions,
      { byCommune: [{ commune: "  ", people: "" }], contacts: [{ name: "Ana" }] },
      ctx,
    );
    expect(errors).toEqual([]);
    expect(value.byCommune).toEqual([]);
  });

  it("still names each missing field of a required group's blank item", () => {
    const { errors } = checkAnswers(questions, { contacts: [{ name: "" }] }, ctx);
    expect(errors.map((e) => e.path.join("."))).toEqual(["contacts.0.name"]);
  });
});
