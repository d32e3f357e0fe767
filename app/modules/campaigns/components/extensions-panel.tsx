import { Form, useNavigation } from "react-router";
import { DataTable } from "~/components/ui/data-table";
import { ErrorSummary } from "~/components/ui/error-summary";
import { formatDate } from "~/modules/i18n/format";
import { shownAsData } from "~/modules/i18n/keys";
import type { Language } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";
import type { CampaignPageData } from "../campaign-page.server";

/**
 * Per-return extensions: a form to give one unsent return a later due date, with a reason kept
 * for staff, and the list of those granted (each can be withdrawn while the campaign is open).
 */
export function ExtensionsPanel(props: {
  lang: Language;
  open: boolean;
  canManage: boolean;
  campaignDueAt: Date | string;
  returns: CampaignPageData["returns"];
  extensions: CampaignPageData["extensions"];
  errors: Record<string, string>;
  values: Record<string, string>;
}) {
  const { t } = useT("campaigns");
  const navigation = useNavigation();
  const { lang, errors, values } = props;
  const error = (name: string) => {
    const key = errors[name];
    return key ? t(key, shownAsData(key)) : undefined;
  };
  const unsent = props.returns.filter((r) => !r.sent);
  const describe = (name: string, hint: boolean) =>
    [hint ? `ext-${name}-hint` : null, errors[name] ? `ext-${name}-error` : null]
      .filter(Boolean)
      .join(" ") || undefined;
  const groupClass = (name: string) => `form-group${errors[name] ? " form-group--error" : ""}`;
  return (
    <>
      <p>{t("extensions.intro")}</p>
      {props.open && props.canManage ? (
        <Form method="post" noValidate>
          <ErrorSummary
            errors={Object.fromEntries(
              Object.entries(errors).map(([name, key]) => [`ext-${name}`, key]),
            )}
            ns="campaigns"
          />
          <input type="hidden" name="intent" value="extension" />
          <div className={groupClass("returnId")}>
            <label className="label" htmlFor="ext-returnId">
              {t("extensions.return")}
            </label>
            {errors.returnId ? (
              <p id="ext-returnId-error" className="error-message">
                {error("returnId")}
              </p>
            ) : null}
            <select
              className="select"
              id="ext-returnId"
              name="returnId"
              defaultValue={values.returnId ?? ""}
              aria-describedby={describe("returnId", false)}
              aria-invalid={errors.returnId ? true : undefined}
            >
              <option value="">{t("extensions.choose")}</option>
              {unsent.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.organisation}
                </option>
              ))}
            </select>
          </div>
          <div className={groupClass("dueDay")}>
            <label className="label" htmlFor="ext-dueDay">
              {t("extensions.dueDay")}
            </label>
            <div id="ext-dueDay-hint" className="hint">
              {t("extensions.dueDayHint", { date: formatDate(props.campaignDueAt, lang) })}
            </div>
            {errors.dueDay ? (
              <p id="ext-dueDay-error" className="error-message">
                {error("dueDay")}
              </p>
            ) : null}
            <input
              className="input input--short"
              type="date"
              id="ext-dueDay"
              name="dueDay"
              defaultValue={values.dueDay ?? ""}
              aria-describedby={describe("dueDay", true)}
              aria-invalid={errors.dueDay ? true : undefined}
            />
          </div>
          <div className={groupClass("reason")}>
            <label className="label" htmlFor="ext-reason">
              {t("extensions.reason")}
            </label>
            <div id="ext-reason-hint" className="hint">
              {t("extensions.reasonHint")}
            </div>
            {errors.reason ? (
              <p id="ext-reason-error" className="error-message">
                {error("reason")}
              </p>
            ) : null}
            <textarea
              className="textarea"
              id="ext-reason"
              name="reason"
              rows={3}
              defaultValue={values.reason ?? ""}
              aria-describedby={describe("reason", true)}
              aria-invalid={errors.reason ? true : undefined}
            />
          </div>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("extensions.grant")}
          </button>
        </Form>
      ) : (
        <p>{t("extensions.noneOpen")}</p>
      )}
      {props.extensions.length === 0 ? (
        <p>{t("extensions.none")}</p>
      ) : (
        <DataTable
          caption={t("extensions.caption")}
          captionVisible
          columns={[
            { label: t("extensions.organisation") },
            { label: t("extensions.newDue") },
            { label: t("extensions.reasonColumn") },
            { label: t("extensions.grantedBy") },
            ...(props.open && props.canManage
              ? [{ label: <span className="visually-hidden">{t("extensions.withdraw")}</span> }]
              : []),
          ]}
        >
          <tbody>
            {props.extensions.map((e) => (
              <tr key={e.returnId}>
                <td>{e.organisation}</td>
                <td>{formatDate(e.dueAt, lang)}</td>
                <td className="pre-line">{e.reason}</td>
                <td>{e.grantedBy ?? ""}</td>
                {props.open && props.canManage ? (
                  <td>
                    {e.sent ? null : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="withdraw-extension" />
                        <input type="hidden" name="returnId" value={e.returnId} />
                        <button
                          type="submit"
                          className="link-button"
                          aria-label={t("extensions.withdrawLabel", {
                            organisation: e.organisation,
                          })}
                        >
                          {t("extensions.withdraw")}
                        </button>
                      </Form>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </>
  );
}
