import { useT } from "~/modules/i18n/use-t";
import type { Language } from "~/modules/i18n/languages";
import { formatNumber } from "~/modules/i18n/format";
import { localeFor } from "~/modules/i18n/languages";
import type { RawAnswers, RawRow } from "../answers";
import { parseNumber } from "../typed-values";
import { isVisible } from "../visibility";
import type { Question, SimpleQuestion } from "../definition";
import type { AttachmentView, MeasureOption } from "./complex-fields";

/**
 * Answers as a summary list (check your answers, staff view, print, conflicts). Answers are
 * shown as written, in the language the partner used; only labels follow the page language.
 */
export function AnswerSummary(props: {
  questions: readonly Question[];
  raw: RawAnswers;
  lang: Language;
  measures: readonly MeasureOption[];
  attachments?: readonly AttachmentView[];
  attachmentUrl?: (id: string) => string;
  answersLanguage?: Language | null;
}) {
  return (
    <dl
      className="summary-list"
      lang={
        props.answersLanguage && props.answersLanguage !== props.lang
          ? props.answersLanguage
          : undefined
      }
    >
      {props.questions
        .filter((q) => isVisible(q, props.raw))
        .map((q) => (
          <div key={q.id}>
            <dt lang={props.lang}>{q.label[props.lang]}</dt>
            <dd>
              <AnswerValue question={q} value={props.raw[q.id]} {...props} />
            </dd>
          </div>
        ))}
    </dl>
  );
}

function AnswerValue(props: {
  question: Question;
  value: RawAnswers[string] | undefined;
  lang: Language;
  measures: readonly MeasureOption[];
  attachments?: readonly AttachmentView[];
  attachmentUrl?: (id: string) => string;
}) {
  const { t } = useT("returns");
  const q = props.question;
  const empty = (
    <span className="muted" lang={props.lang}>
      {t("summary.notAnswered")}
    </span>
  );
  if (q.kind === "attachments") {
    const files = (props.attachments ?? []).filter((a) => a.questionId === q.id);
    if (files.length === 0) return empty;
    return (
      <ul className="plain-list">
        {files.map((f) => (
          <li key={f.id}>
            {props.attachmentUrl ? (
              <a href={props.attachmentUrl(f.id)}>{f.fileName}</a>
            ) : (
              f.fileName
            )}
          </li>
        ))}
      </ul>
    );
  }
  if (q.kind === "repeatableGroup") {
    const items = Array.isArray(props.value) ? (props.value as RawRow[]) : [];
    if (items.length === 0) return empty;
    return (
      <ol className="plain-list">
        {items.map((item, i) => (
          <li key={i}>
            {q.questions
              .filter((inner) => isVisible(inner, item))
              .map((inner) => (
                <div key={inner.id}>
                  <span className="muted" lang={props.lang}>
                    {t("summary.labelled", { label: inner.label[props.lang] })}
                  </span>{" "}
                  <AnswerValue {...props} question={inner} value={item[inner.id]} />
                </div>
              ))}
          </li>
        ))}
      </ol>
    );
  }
  return (
    <SimpleValue
      question={q}
      value={props.value}
      lang={props.lang}
      measures={props.measures}
      empty={empty}
    />
  );
}

function SimpleValue(props: {
  question: SimpleQuestion;
  value: RawAnswers[string] | undefined;
  lang: Language;
  measures: readonly MeasureOption[];
  empty: React.ReactNode;
}) {
  const { t } = useT("returns");
  const { question: q, value } = props;
  if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0))
    return <>{props.empty}</>;
  switch (q.kind) {
    case "yesNo":
      return <span lang={props.lang}>{value === "yes" ? t("form.yes") : t("form.no")}</span>;
    case "singleChoice":
    case "multipleChoice": {
      const list = Array.isArray(value) ? (value as string[]) : [String(value)];
      return (
        <span lang={props.lang}>
          {list.map((v) => q.choices.find((c) => c.value === v)?.label[props.lang] ?? v).join(", ")}
        </span>
      );
    }
    case "measurePicker": {
      const list = Array.isArray(value) ? (value as string[]) : [String(value)];
      return (
        <ul className="plain-list">
          {list.map((code) => (
            <li key={code}>
              {code} {props.measures.find((m) => m.code === code)?.title ?? ""}
            </li>
          ))}
        </ul>
      );
    }
    case "figuresTable": {
      const rows = (value as RawRow[]).filter((r) => r.label || r.value);
      if (rows.length === 0) return <>{props.empty}</>;
      return (
        <ul className="plain-list">
          {rows.map((r, i) => (
            <li key={i}>
              {t("summary.labelled", { label: String(r.label) })}{" "}
              <strong>{localNumber(String(r.value), props.lang)}</strong> {String(r.unit ?? "")}
            </li>
          ))}
        </ul>
      );
    }
    case "integer":
    case "decimal":
      return (
        <>
          {localNumber(String(value), props.lang)}{" "}
          {q.unit ? <span lang={props.lang}>{q.unit[props.lang]}</span> : null}
        </>
      );
    case "date":
      return <span lang={props.lang}>{localDate(String(value), props.lang)}</span>;
    case "longText":
      return <span className="pre-line">{String(value)}</span>;
    default:
      return <>{String(value)}</>;
  }
}

/** A number as typed ("1250", "1.250,5"), written the page's way: 1 250 (fr-BE), 1.250 (nl-BE). */
export function localNumber(text: string, lang: Language): string {
  const n = parseNumber(text);
  return n === null ? text : formatNumber(n, lang);
}

/** An ISO date answer ("2023-03-15") written the page's way: 15 mars 2023 / 15 maart 2023. */
export function localDate(text: string, lang: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return text;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return text;
  // A calendar date, not an instant: formatted in UTC so no time zone can shift the day.
  return new Intl.DateTimeFormat(localeFor(lang), { dateStyle: "long", timeZone: "UTC" }).format(
    date,
  );
}
