// What changed in a section since the submission before, as the reviewer reads it: per question,
// the text with words removed and added marked (and named for screen readers), figures old → new,
// files added and removed. Answers keep the language they were written in.
import { formatNumber } from "~/modules/i18n/format";
import type { Language } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";
import type { CheckedValue } from "~/modules/questionnaires/answers";
import { localDate } from "~/modules/questionnaires/components/answer-summary";
import type { MeasureOption } from "~/modules/questionnaires/components/complex-fields";
import type { Question } from "~/modules/questionnaires/definition";
import type { QuestionChange, TextPart } from "../diff";

export function SectionChanges(props: {
  changes: readonly QuestionChange[];
  questions: readonly Question[];
  lang: Language;
  answersLanguage: Language | null;
  measures: readonly MeasureOption[];
}) {
  return (
    <dl className="summary-list changes">
      {props.changes.map((change) => (
        <ChangeRow key={change.questionId} change={change} {...props} />
      ))}
    </dl>
  );
}

function ChangeRow(props: {
  change: QuestionChange;
  questions: readonly Question[];
  lang: Language;
  answersLanguage: Language | null;
  measures: readonly MeasureOption[];
}) {
  const { change, lang } = props;
  const question = props.questions.find((q) => q.id === change.questionId);
  return (
    <div>
      <dt>{question?.label[lang] ?? change.questionId}</dt>
      <dd>
        <ChangeValue {...props} question={question} />
      </dd>
    </div>
  );
}

function ChangeValue(props: {
  change: QuestionChange;
  question: Question | undefined;
  lang: Language;
  answersLanguage: Language | null;
  measures: readonly MeasureOption[];
}) {
  const { t } = useT("admin");
  const { change, lang } = props;
  const written =
    props.answersLanguage && props.answersLanguage !== lang ? props.answersLanguage : undefined;
  switch (change.kind) {
    case "text":
      return <TextChange parts={change.parts} lang={written} />;
    case "figures":
      return (
        <ul className="plain-list">
          {change.rows.map((row, i) => (
            <li key={i}>
              <span lang={written}>{row.label}</span>
              {t("reviewReturn.diff.colon")}
              {row.before === null ? (
                <>
                  <Added>
                    {formatNumber(row.after ?? 0, lang)} <span lang={written}>{row.unit}</span>
                  </Added>{" "}
                  <span className="muted">{t("reviewReturn.diff.rowAdded")}</span>
                </>
              ) : row.after === null ? (
                <>
                  <Removed>
                    {formatNumber(row.before, lang)} <span lang={written}>{row.unit}</span>
                  </Removed>{" "}
                  <span className="muted">{t("reviewReturn.diff.rowRemoved")}</span>
                </>
              ) : (
                <OldToNew
                  before={
                    <>
                      {formatNumber(row.before, lang)}{" "}
                      <span lang={written}>{row.unitBefore ?? row.unit}</span>
                    </>
                  }
                  after={
                    <>
                      {formatNumber(row.after, lang)} <span lang={written}>{row.unit}</span>
                    </>
                  }
                />
              )}
            </li>
          ))}
        </ul>
      );
    case "files":
      return (
        <ul className="plain-list">
          {change.added.map((f) => (
            <li key={`a-${f.id}`}>
              <Added>{t("reviewReturn.diff.fileAdded", { name: f.fileName })}</Added>
            </li>
          ))}
          {change.removed.map((f) => (
            <li key={`r-${f.id}`}>
              <Removed>{t("reviewReturn.diff.fileRemoved", { name: f.fileName })}</Removed>
            </li>
          ))}
        </ul>
      );
    case "value":
      return (
        <OldToNew
          before={<PlainValue {...props} value={change.before} />}
          after={<PlainValue {...props} value={change.after} />}
        />
      );
    case "group": {
      const inner = props.question?.kind === "repeatableGroup" ? props.question.questions : [];
      return (
        <ul className="plain-list">
          {change.items.map((item) => (
            <li key={item.index}>
              <strong>
                {t(`reviewReturn.diff.item.${item.status}`, { number: item.index + 1 })}
              </strong>
              {item.changes.length > 0 ? (
                <SectionChanges
                  changes={item.changes}
                  questions={inner}
                  lang={lang}
                  answersLanguage={props.answersLanguage}
                  measures={props.measures}
                />
              ) : null}
            </li>
          ))}
        </ul>
      );
    }
  }
}

/** A text with its removed and added words marked; the marks are named for screen readers. */
export function TextChange(props: { parts: readonly TextPart[]; lang?: string }) {
  return (
    <span className="pre-line" lang={props.lang}>
      {props.parts.map((part, i) =>
        part.op === "same" ? (
          <span key={i}>{part.text}</span>
        ) : part.op === "removed" ? (
          <Removed key={i}>{part.text}</Removed>
        ) : (
          <Added key={i}>{part.text}</Added>
        ),
      )}
    </span>
  );
}

function Removed(props: { children: React.ReactNode }) {
  const { t } = useT("admin");
  return (
    <del className="change-removed">
      <span className="visually-hidden">{t("reviewReturn.diff.removedStart")}</span>
      {props.children}
      <span className="visually-hidden">{t("reviewReturn.diff.removedEnd")}</span>
    </del>
  );
}

function Added(props: { children: React.ReactNode }) {
  const { t } = useT("admin");
  return (
    <ins className="change-added">
      <span className="visually-hidden">{t("reviewReturn.diff.addedStart")}</span>
      {props.children}
      <span className="visually-hidden">{t("reviewReturn.diff.addedEnd")}</span>
    </ins>
  );
}

function OldToNew(props: { before: React.ReactNode; after: React.ReactNode }) {
  return (
    <>
      <Removed>{props.before}</Removed> <span aria-hidden="true">→</span>{" "}
      <Added>{props.after}</Added>
    </>
  );
}

/** A value that is not a text: a number, date, yes/no, choice or measure, as the page shows it. */
function PlainValue(props: {
  value: CheckedValue;
  question: Question | undefined;
  lang: Language;
  measures: readonly MeasureOption[];
}) {
  const { t } = useT(["admin", "returns"]);
  const { value, question: q, lang } = props;
  if (value === null || value === "" || (Array.isArray(value) && value.length === 0))
    return <>{t("reviewReturn.diff.empty")}</>;
  if (typeof value === "boolean")
    return <>{value ? t("returns:form.yes") : t("returns:form.no")}</>;
  if (typeof value === "number") {
    const unit = q && "unit" in q && q.unit ? ` ${q.unit[lang]}` : "";
    return <>{`${formatNumber(value, lang)}${unit}`}</>;
  }
  const list = Array.isArray(value) ? value.map(String) : [String(value)];
  if (q?.kind === "date") return <>{localDate(String(value), lang)}</>;
  if (q?.kind === "singleChoice" || q?.kind === "multipleChoice")
    return (
      <>{list.map((v) => q.choices.find((c) => c.value === v)?.label[lang] ?? v).join(", ")}</>
    );
  if (q?.kind === "measurePicker")
    return (
      <>
        {list
          .map((code) => {
            const title = props.measures.find((m) => m.code === code)?.title;
            return title ? `${code} ${title}` : code;
          })
          .join("; ")}
      </>
    );
  return <>{list.join(", ")}</>;
}
