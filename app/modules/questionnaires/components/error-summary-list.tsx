import { useT } from "~/modules/i18n/use-t";
import { ErrorSummaryBox } from "~/components/ui/error-summary";
import type { Language } from "~/modules/i18n/languages";
import { fieldId } from "../form-fields";
import type { Question } from "../definition";
import { useErrorText } from "./field-parts";

/** GOV.UK error summary for a section: focused when it appears, each entry links to its field. */
export function ErrorSummaryList(props: {
  errors: Record<string, string>;
  questions: readonly Question[];
  lang: Language;
}) {
  const { t } = useT("returns");
  const errorText = useErrorText();
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <ErrorSummaryBox
      items={entries.map(([path, message]) => {
        const parts = path.split(".");
        const question = props.questions.find((q) => q.id === parts[0]);
        const inner =
          question?.kind === "repeatableGroup" && parts[2]
            ? question.questions.find((q) => q.id === parts[2])
            : undefined;
        const row = parts[1] !== undefined && /^\d+$/.test(parts[1]) ? Number(parts[1]) + 1 : null;
        const label = inner?.label[props.lang] ?? question?.label[props.lang] ?? "";
        const where = row ? t("form.rowLabel", { label, n: row }) : label;
        const text = errorText(message) ?? "";
        return {
          field: fieldId(parts),
          text: where ? t("form.errorAt", { where, message: text }) : text,
        };
      })}
      focusKey={props.errors}
    />
  );
}
