import { Form } from "react-router";
import { useT } from "~/modules/i18n/use-t";

/** The campaign's four-eyes setting (campaigns.server.ts setFourEyes). */
export function FourEyesPanel(props: {
  fourEyes: boolean;
  canManage: boolean;
  saved: boolean;
  busy: boolean;
}) {
  const { t } = useT("admin");
  return (
    <>
      <h2 id="four-eyes">{t("campaigns.fourEyes.title")}</h2>
      {props.saved ? (
        <div className="panel" role="status">
          <p>{t(props.fourEyes ? "campaigns.fourEyes.savedOn" : "campaigns.fourEyes.savedOff")}</p>
        </div>
      ) : null}
      {props.canManage ? (
        <Form method="post">
          <input type="hidden" name="intent" value="four-eyes" />
          <div className="form-group">
            <div className="choice">
              <input
                className="choice__input"
                id="fourEyes"
                name="fourEyes"
                type="checkbox"
                value="on"
                defaultChecked={props.fourEyes}
                aria-describedby="fourEyes-hint"
              />
              <label className="choice__label" htmlFor="fourEyes">
                {t("campaigns.fourEyes.label")}
              </label>
            </div>
            <div id="fourEyes-hint" className="hint">
              {t("campaigns.fourEyes.hint")}
            </div>
          </div>
          <button type="submit" className="button button--secondary" disabled={props.busy}>
            {t("campaigns.fourEyes.save")}
          </button>
        </Form>
      ) : (
        <p>{t(props.fourEyes ? "campaigns.fourEyes.on" : "campaigns.fourEyes.off")}</p>
      )}
    </>
  );
}
