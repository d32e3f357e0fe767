import { Form } from "react-router";
import { ErrorSummaryBox } from "~/components/ui/error-summary";
import { useT } from "~/modules/i18n/use-t";
import { MAX_SMALL_COUNT_THRESHOLD } from "../threshold";

/** The small-count threshold of published tables (administrators: "reports:freeze"). */
export function ThresholdForm(props: {
  threshold: number;
  canChange: boolean;
  saved: boolean;
  error: boolean;
  submitted?: string;
}) {
  const { t } = useT("reports");
  return (
    <section aria-labelledby="threshold-title">
      <h2 id="threshold-title">{t("threshold.title")}</h2>
      <p>
        {props.threshold > 0
          ? t("threshold.on", { threshold: props.threshold })
          : t("threshold.off")}
      </p>
      {props.saved ? (
        <div className="panel" role="status">
          <p>{t("threshold.saved")}</p>
        </div>
      ) : null}
      {props.error ? (
        <ErrorSummaryBox
          items={[
            { field: "threshold", text: t("threshold.error", { max: MAX_SMALL_COUNT_THRESHOLD }) },
          ]}
          focusKey={props.submitted}
        />
      ) : null}
      {props.canChange ? (
        <Form method="post">
          <div className={props.error ? "form-group form-group--error" : "form-group"}>
            <label className="label" htmlFor="threshold">
              {t("threshold.label")}
            </label>
            <div id="threshold-hint" className="hint">
              {t("threshold.hint")}
            </div>
            {props.error ? (
              <p id="threshold-error" className="error-message">
                <span className="visually-hidden">{t("threshold.errorPrefix")} </span>
                {t("threshold.error", { max: MAX_SMALL_COUNT_THRESHOLD })}
              </p>
            ) : null}
            <input
              className="input input--short"
              id="threshold"
              name="threshold"
              type="text"
              inputMode="numeric"
              defaultValue={props.submitted ?? String(props.threshold)}
              aria-describedby={props.error ? "threshold-hint threshold-error" : "threshold-hint"}
              aria-invalid={props.error || undefined}
            />
          </div>
          <button type="submit" className="button button--secondary">
            {t("threshold.save")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
