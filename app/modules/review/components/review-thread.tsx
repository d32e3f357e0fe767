// A comment thread as staff see it on the review page (one per section, one for the return as a
// whole): each comment in the language it was written in, who wrote it, when and on which
// submission, and a plain form to add one (works without JavaScript).
import { Form, useNavigation } from "react-router";
import { formatDateTime } from "~/modules/i18n/format";
import { shownAsData } from "~/modules/i18n/keys";
import type { Language } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";
import { reviewFields } from "../review-page-fields";

export interface ThreadEntry {
  id: string;
  side: "STAFF" | "PARTNER";
  authorName: string | null;
  body: string;
  language: Language;
  createdAt: Date | string;
  submissionNumber: number;
}

export function ReviewThread(props: {
  sectionId: string | null;
  title: string;
  headingLevel: 2 | 3;
  comments: readonly ThreadEntry[];
  lang: Language;
  /** The label of the form's field; no form when null (nothing sent yet). */
  formLabel: string | null;
  value?: string;
  error?: string;
}) {
  const { t } = useT("admin");
  const navigation = useNavigation();
  const { lang, sectionId } = props;
  const fieldId = reviewFields.comment(sectionId);
  const headingId = `thread-${sectionId ?? "general"}`;
  const Heading = props.headingLevel === 2 ? "h2" : "h3";
  const busy =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === "comment" &&
    (navigation.formData.get("sectionId") ?? "") === (sectionId ?? "");
  return (
    <section aria-labelledby={headingId} className="review-thread">
      <Heading id={headingId}>{props.title}</Heading>
      {props.comments.length === 0 ? (
        <p className="muted">{t("reviewReturn.comments.none")}</p>
      ) : (
        <ol className="card-list">
          {props.comments.map((comment) => (
            <li key={comment.id} className="card">
              <p className="card__subtitle">
                {comment.side === "STAFF"
                  ? t("reviewReturn.comments.staff")
                  : t("reviewReturn.comments.partner")}
                {" – "}
                {comment.authorName ?? t("reviewReturn.formerUser")}
                {" – "}
                <time dateTime={new Date(comment.createdAt).toISOString()}>
                  {formatDateTime(comment.createdAt, lang)}
                </time>
                {" – "}
                {t("reviewReturn.comments.onSubmission", { number: comment.submissionNumber })}
              </p>
              <p
                className="pre-line"
                lang={comment.language !== lang ? comment.language : undefined}
              >
                {comment.body}
              </p>
            </li>
          ))}
        </ol>
      )}
      {props.formLabel ? (
        <Form method="post" noValidate preventScrollReset>
          <input type="hidden" name="intent" value="comment" />
          {sectionId ? <input type="hidden" name="sectionId" value={sectionId} /> : null}
          <div className={`form-group${props.error ? " form-group--error" : ""}`}>
            <label className="label" htmlFor={fieldId}>
              {props.formLabel}
            </label>
            <div id={`${fieldId}-hint`} className="hint">
              {t("reviewReturn.comments.hint")}
            </div>
            {props.error ? (
              <p id={`${fieldId}-error`} className="error-message">
                {t(props.error, shownAsData(props.error))}
              </p>
            ) : null}
            <textarea
              className="textarea"
              id={fieldId}
              name="body"
              rows={3}
              defaultValue={props.value ?? ""}
              aria-describedby={[`${fieldId}-hint`, props.error ? `${fieldId}-error` : null]
                .filter(Boolean)
                .join(" ")}
              aria-invalid={props.error ? true : undefined}
            />
          </div>
          <button type="submit" className="button button--secondary" disabled={busy}>
            {t("reviewReturn.comments.post")}
            <span className="visually-hidden"> – {props.title}</span>
          </button>
        </Form>
      ) : null}
    </section>
  );
}
