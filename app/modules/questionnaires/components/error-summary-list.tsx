import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "~/modules/i18n/languages";
import { fieldId } from "../answers";
import type { Question } from "../definition";
import { useErrorText } from "./field-parts";

/** GOV.UK error summary for a section: focused when it appears, each entry links to its field. */
export function ErrorSummaryList(props: {
  errors: Record<string, string>;
  questions: readonly Question[];
  lang: Language;
}) {
  const { t } = useTranslation(["common", "returns"]);
  const errorText = useErrorText();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(props.errors);
  useEffect(() => {
    if (entries.length > 0) ref.current?.focus();
  }, [entries.length, props.errors]);
  if (entries.length === 0) return null;
  return (
    <div
      className="error-summary"
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title" className="error-summary__title">
        {t("common:errors.summaryTitle")}
      </h2>
      <ul className="error-summary__list">
        {entries.map(([path, message]) => {
          const parts = path.split(".");
          const question = props.questions.find((q) => q.id === parts[0]);
          const inner =
            question?.kind === "repeatableGroup" && parts[2]
              ? question.questions.find((q) => q.id === parts[2])
              : undefined;
          const row =
            parts[1] !== undefined && /^\d+$/.test(parts[1]) ? Number(parts[1]) + 1 : null;
          const label = inner?.label[props.lang] ?? question?.label[props.lang] ?? "";
          const where = row ? t("returns:form.rowLabel", { label, n: row }) : label;
          return (
            <li key={path}>
              <a href={`#${fieldId(parts)}`}>
                {where
                  ? t("returns:form.errorAt", { where, message: errorText(message) })
                  : errorText(message)}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
