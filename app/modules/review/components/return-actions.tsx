// The review's moves on the whole return: take it or give it to a colleague, send it back for
// changes, approve it, and (administrators) reopen it with a reason. Plain forms, each naming
// the submission its reviewer saw, so a resubmission meanwhile is refused rather than acted on.
import { Form, useNavigation } from "react-router";
import { shownAsData } from "~/modules/i18n/keys";
import { useT } from "~/modules/i18n/use-t";
import { reviewFields } from "../review-page-fields";

export function AssignForm(props: {
  currentUserId: string;
  assigneeId: string | null;
  reviewers: readonly { id: string; name: string }[];
  error?: string;
}) {
  const { t } = useT("admin");
  const busy = useBusy("assign");
  const fieldId = reviewFields.assignee;
  return (
    <section aria-labelledby="assign-title" className="review-assign">
      <h2 id="assign-title">{t("reviewReturn.assign.title")}</h2>
      {props.assigneeId !== props.currentUserId ? (
        <Form method="post" preventScrollReset className="inline-form">
          <input type="hidden" name="intent" value="assign" />
          <input type="hidden" name="assigneeId" value={props.currentUserId} />
          <button type="submit" className="button button--secondary" disabled={busy}>
            {t("reviewReturn.assign.take")}
          </button>
        </Form>
      ) : null}
      <Form method="post" preventScrollReset noValidate>
        <input type="hidden" name="intent" value="assign" />
        <div className={`form-group${props.error ? " form-group--error" : ""}`}>
          <label className="label" htmlFor={fieldId}>
            {t("reviewReturn.assign.label")}
          </label>
          {props.error ? (
            <p id={`${fieldId}-error`} className="error-message">
              {t(props.error, shownAsData(props.error))}
            </p>
          ) : null}
          <select
            className="select"
            id={fieldId}
            name="assigneeId"
            defaultValue={props.assigneeId ?? ""}
            aria-describedby={props.error ? `${fieldId}-error` : undefined}
          >
            <option value="">{t("reviewReturn.nobody")}</option>
            {props.reviewers.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id === props.currentUserId
                  ? t("reviewReturn.assign.you", { name: r.name })
                  : r.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary" disabled={busy}>
          {t("reviewReturn.assign.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ReviewMoves(props: {
  submissionNumber: number | null;
  canSendBack: boolean;
  canApprove: boolean;
  underReview: boolean;
  fourEyesBlocked: boolean;
  /** Sections need changes but the campaign is closed: sending back is not possible. */
  sendBackClosed: boolean;
  undecided: number;
  changesNeeded: number;
}) {
  const { t } = useT("admin");
  const sendingBack = useBusy("send-back");
  const approving = useBusy("approve");
  if (props.submissionNumber === null) return null;
  return (
    <section aria-labelledby="moves-title" className="review-moves">
      <h2 id={reviewFields.moves} tabIndex={-1}>
        {t("reviewReturn.actions.title")}
      </h2>
      {!props.underReview ? (
        <p>{t("reviewReturn.actions.notUnderReview")}</p>
      ) : props.sendBackClosed ? (
        <p>{t("reviewReturn.actions.closedSendBack")}</p>
      ) : !props.canSendBack && !props.canApprove ? (
        <p>
          {t("reviewReturn.actions.waiting", {
            undecided: props.undecided,
            changes: props.changesNeeded,
          })}
        </p>
      ) : null}
      {props.canSendBack ? (
        <Form method="post" preventScrollReset>
          <input type="hidden" name="intent" value="send-back" />
          <input type="hidden" name="submissionNumber" value={props.submissionNumber} />
          <p className="hint" id="send-back-hint">
            {t("reviewReturn.actions.sendBackHint")}
          </p>
          <button
            type="submit"
            className="button"
            aria-describedby="send-back-hint"
            disabled={sendingBack}
          >
            {t("reviewReturn.actions.sendBack")}
          </button>
        </Form>
      ) : null}
      {props.canApprove ? (
        props.fourEyesBlocked ? (
          <div className="inset inset--notice">
            <p>{t("reviewReturn.actions.fourEyes")}</p>
          </div>
        ) : (
          <Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value="approve" />
            <input type="hidden" name="submissionNumber" value={props.submissionNumber} />
            <p className="hint" id="approve-hint">
              {t("reviewReturn.actions.approveHint")}
            </p>
            <button
              type="submit"
              className="button"
              aria-describedby="approve-hint"
              disabled={approving}
            >
              {t("reviewReturn.actions.approve")}
            </button>
          </Form>
        )
      ) : null}
    </section>
  );
}

const reasonFieldId = reviewFields.reason;

export function ReopenForm(props: { value?: string; error?: string }) {
  const { t } = useT("admin");
  const busy = useBusy("reopen");
  return (
    <section aria-labelledby="reopen-title" className="review-reopen">
      <h2 id="reopen-title">{t("reviewReturn.actions.reopenTitle")}</h2>
      <Form method="post" preventScrollReset noValidate>
        <input type="hidden" name="intent" value="reopen" />
        <div className={`form-group${props.error ? " form-group--error" : ""}`}>
          <label className="label" htmlFor={reasonFieldId}>
            {t("reviewReturn.actions.reason")}
          </label>
          <div id={`${reasonFieldId}-hint`} className="hint">
            {t("reviewReturn.actions.reopenHint")}
          </div>
          {props.error ? (
            <p id={`${reasonFieldId}-error`} className="error-message">
              {t(props.error, shownAsData(props.error))}
            </p>
          ) : null}
          <textarea
            className="textarea"
            id={reasonFieldId}
            name="reason"
            rows={3}
            defaultValue={props.value ?? ""}
            aria-describedby={[
              `${reasonFieldId}-hint`,
              props.error ? `${reasonFieldId}-error` : null,
            ]
              .filter(Boolean)
              .join(" ")}
            aria-invalid={props.error ? true : undefined}
          />
        </div>
        <button type="submit" className="button button--warning" disabled={busy}>
          {t("reviewReturn.actions.reopen")}
        </button>
      </Form>
    </section>
  );
}

function useBusy(intent: string) {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
}
