// The reviewer's decision on one section: accepted, changes needed or not retained, with a note
// (required for the last two). A plain form: it works without JavaScript; it names the decision
// its reviewer saw, so a decision made meanwhile by someone else is refused, not overwritten.
import { Form, useNavigation } from "react-router";
import { useT } from "~/modules/i18n/use-t";
import { shownAsData } from "~/modules/i18n/keys";
import type { SectionDecisionKind } from "~/generated/prisma/enums";
import { reviewFields } from "../review-page-fields";

export const DECISION_KINDS: readonly SectionDecisionKind[] = [
  "ACCEPTED",
  "CHANGES_NEEDED",
  "NOT_RETAINED",
];

export function DecisionForm(props: {
  sectionId: string;
  sectionTitle: string;
  seenSeq: number | null;
  /** What was typed, when the form comes back refused. */
  values?: { decision?: string; note?: string };
  /** i18n keys (admin) per field id. */
  errors?: Record<string, string | undefined>;
}) {
  const { t } = useT("admin");
  const navigation = useNavigation();
  const { sectionId } = props;
  const decisionId = reviewFields.decision(sectionId);
  const noteId = reviewFields.note(sectionId);
  const decisionError = props.errors?.[decisionId];
  const noteError = props.errors?.[noteId];
  const busy =
    navigation.state === "submitting" && navigation.formData?.get("sectionId") === sectionId;
  return (
    <Form method="post" noValidate className="decision-form" preventScrollReset>
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="sectionId" value={sectionId} />
      <input type="hidden" name="seenSeq" value={props.seenSeq ?? ""} />
      <div className={`form-group${decisionError ? " form-group--error" : ""}`}>
        <fieldset
          className="fieldset"
          aria-describedby={decisionError ? `${decisionId}-error` : undefined}
        >
          <legend className="fieldset__legend">
            {t("reviewReturn.decide.legend", { section: props.sectionTitle })}
          </legend>
          {decisionError ? (
            <p id={`${decisionId}-error`} className="error-message">
              {t(decisionError, shownAsData(decisionError))}
            </p>
          ) : null}
          <div className="choices">
            {DECISION_KINDS.map((kind, index) => {
              const id = index === 0 ? decisionId : `${decisionId}-${kind}`;
              return (
                <div className="choice" key={kind}>
                  <input
                    className="choice__input"
                    type="radio"
                    id={id}
                    name="decision"
                    value={kind}
                    defaultChecked={props.values?.decision === kind}
                  />
                  <label className="choice__label" htmlFor={id}>
                    {t(`reviewReturn.decisions.${kind}`)}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      <div className={`form-group${noteError ? " form-group--error" : ""}`}>
        <label className="label" htmlFor={noteId}>
          {t("reviewReturn.decide.note")}
        </label>
        <div id={`${noteId}-hint`} className="hint">
          {t("reviewReturn.decide.noteHint")}
        </div>
        {noteError ? (
          <p id={`${noteId}-error`} className="error-message">
            {t(noteError, shownAsData(noteError))}
          </p>
        ) : null}
        <textarea
          className="textarea"
          id={noteId}
          name="note"
          rows={3}
          defaultValue={props.values?.note ?? ""}
          aria-describedby={[`${noteId}-hint`, noteError ? `${noteId}-error` : null]
            .filter(Boolean)
            .join(" ")}
          aria-invalid={noteError ? true : undefined}
        />
      </div>
      <button type="submit" className="button" disabled={busy}>
        {t("reviewReturn.decide.submit")}
        <span className="visually-hidden"> – {props.sectionTitle}</span>
      </button>
    </Form>
  );
}
