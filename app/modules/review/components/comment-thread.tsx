// The review conversation as the partner sees it: the reviewer's comment on a section sent back,
// the thread of comments (each shown in the language it was written in, inside a page in the
// reader's language), and a plain form to answer, which works without JavaScript.
import { Form } from "react-router";
import { formatDateTime } from "~/modules/i18n/format";
import type { Language } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";

export interface ThreadEntry {
  id: string;
  side: "STAFF" | "PARTNER";
  authorName: string | null;
  body: string;
  language: Language;
  createdAt: Date | string;
  submissionNumber: number;
}

/** Paragraphs as typed: blank lines part them, single line breaks stay. */
function Paragraphs(props: { text: string; lang?: Language }) {
  return (
    <div lang={props.lang}>
      {props.text.split(/\n\s*\n/).map((paragraph, index) => (
        <p key={index}>
          {paragraph.split("\n").map((line, i) => (
            <span key={i}>
              {i > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </p>
      ))}
    </div>
  );
}

/** What the reviewer asked for on this section (the note of its "changes needed" decision). */
export function ReviewerNote(props: { note: string; lang: Language }) {
  const { t } = useT("returns");
  return (
    <div className="inset inset--notice" role="note" aria-labelledby="reviewer-note-title">
      <h2 id="reviewer-note-title">{t("sentBack.noteTitle")}</h2>
      <Paragraphs text={props.note} />
    </div>
  );
}

export function CommentThread(props: {
  comments: readonly ThreadEntry[];
  lang: Language;
  /** The heading's id, for the section around it. */
  headingId: string;
  title: string;
  /** The answer form; null when no answer can be posted here. */
  reply: {
    body: string;
    error: string | null;
    label: string;
    /** Extra fields the form posts (the action's intent). */
    intent: string;
  } | null;
}) {
  const { t } = useT("returns");
  const { lang, reply } = props;
  const errorId = "comment-error";
  return (
    <section aria-labelledby={props.headingId} id="comments">
      <h2 id={props.headingId}>{props.title}</h2>
      {props.comments.length === 0 ? (
        <p>{t("sentBack.noComments")}</p>
      ) : (
        <ol className="card-list">
          {props.comments.map((comment) => (
            <li key={comment.id} className="card">
              <p className="card__subtitle">
                {comment.side === "STAFF" ? t("sentBack.fromStaff") : t("sentBack.fromPartner")}
                {" – "}
                {comment.authorName ?? t("sentBack.formerUser")}
                {" – "}
                <time dateTime={new Date(comment.createdAt).toISOString()}>
                  {formatDateTime(comment.createdAt, lang)}
                </time>
              </p>
              <Paragraphs text={comment.body} lang={comment.language} />
            </li>
          ))}
        </ol>
      )}
      {reply ? (
        <Form method="post" noValidate>
          <input type="hidden" name="_intent" value={reply.intent} />
          <div className={`form-group${reply.error ? " form-group--error" : ""}`}>
            <label className="label" htmlFor="comment">
              {reply.label}
            </label>
            <div id="comment-hint" className="hint">
              {t("sentBack.replyHint")}
            </div>
            {reply.error ? (
              <p id={errorId} className="error-message">
                {reply.error}
              </p>
            ) : null}
            <textarea
              className="textarea"
              id="comment"
              name="comment"
              rows={4}
              defaultValue={reply.body}
              aria-describedby={reply.error ? `comment-hint ${errorId}` : "comment-hint"}
              aria-invalid={reply.error ? true : undefined}
            />
          </div>
          <button type="submit" className="button button--secondary">
            {t("sentBack.send")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
