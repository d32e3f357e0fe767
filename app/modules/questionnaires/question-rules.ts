// A question's constraints in words (length, bounds, choices, visibility…), for the staff
// template page: what a partner's answer must satisfy, read from the definition.
import type { TFunction } from "i18next";
import { formatDate, formatNumber } from "~/modules/i18n/format";
import type { Language } from "~/modules/i18n/languages";
import type { Question } from "./definition";

/** A question's constraints, in words, in the page language. */
export function questionRules(
  q: Question,
  siblings: readonly Question[],
  t: TFunction<["templates", "returns"]>,
  lang: Language,
): string[] {
  const rules: string[] = [];
  if (q.visibleWhen) {
    const { question: targetId, equals } = q.visibleWhen;
    const target = siblings.find((s) => s.id === targetId);
    const valueText = (value: string | boolean) => {
      if (typeof value === "boolean") return t(value ? "returns:form.yes" : "returns:form.no");
      if (target && (target.kind === "singleChoice" || target.kind === "multipleChoice")) {
        const choice = target.choices.find((c) => c.value === value);
        if (choice) return choice.label[lang];
      }
      return value;
    };
    rules.push(
      t("rules.visibleWhen", {
        question: target ? target.label[lang] : targetId,
        values: [equals]
          .flat()
          .map((v) => t("rules.quoted", { value: valueText(v) }))
          .join(t("rules.or")),
      }),
    );
  }
  const n = (value: number) => formatNumber(value, lang);
  switch (q.kind) {
    case "shortText":
    case "longText":
      if (q.minLength) rules.push(t("rules.minLength", { count: q.minLength }));
      rules.push(t("rules.maxLength", { count: q.maxLength }));
      break;
    case "integer":
    case "decimal":
      if (q.min != null) rules.push(t("rules.min", { value: n(q.min) }));
      if (q.max != null) rules.push(t("rules.max", { value: n(q.max) }));
      if (q.kind === "decimal") rules.push(t("rules.decimals", { count: q.decimals }));
      if (q.unit) rules.push(t("rules.unit", { unit: q.unit[lang] }));
      break;
    case "date":
      if (q.min) rules.push(t("rules.dateMin", { date: formatDate(q.min, lang) }));
      if (q.max) rules.push(t("rules.dateMax", { date: formatDate(q.max, lang) }));
      break;
    case "singleChoice":
    case "multipleChoice":
      rules.push(
        t("rules.choices", {
          choices: q.choices.map((c) => `${c.label[lang]} (${c.value})`).join(", "),
        }),
      );
      if (q.kind === "multipleChoice" && q.minSelected)
        rules.push(t("rules.minSelected", { count: q.minSelected }));
      if (q.kind === "multipleChoice" && q.maxSelected)
        rules.push(t("rules.maxSelected", { count: q.maxSelected }));
      break;
    case "measurePicker":
      rules.push(t(q.multiple ? "rules.measuresMultiple" : "rules.measuresSingle"));
      break;
    case "figuresTable":
      rules.push(t("rules.maxRows", { count: q.maxRows }));
      break;
    case "attachments":
      rules.push(t("rules.maxFiles", { count: q.maxFiles }));
      break;
    case "repeatableGroup":
      rules.push(t("rules.items", { min: q.minItems, max: q.maxItems, label: q.itemLabel[lang] }));
      break;
    case "yesNo":
      break;
  }
  return rules;
}
