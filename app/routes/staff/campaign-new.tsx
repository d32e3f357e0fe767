import { useState } from "react";
import { useT } from "~/modules/i18n/use-t";
import { data, Form, href, redirect } from "react-router";
import type { Route } from "./+types/campaign-new";
import { ErrorSummary, TextField } from "~/components/ui/error-summary";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { createCampaign, publishedTemplates } from "~/modules/campaigns/campaigns.server";
import {
  assignmentsOf,
  channelField,
  createCampaignSchema,
  FUNDING_CHANNELS,
  kindField,
  ORGANISATION_KINDS,
  SETTINGS_FIELDS,
} from "~/modules/campaigns/schema";
import { shownAsData, type Key } from "~/modules/i18n/keys";
import { langParam } from "~/modules/i18n/lang-param";
import { localized } from "~/modules/i18n/languages";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";
import { fieldErrors } from "~/utils/zod-errors";

const fields = ["year", ...SETTINGS_FIELDS] as const;

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "campaigns:manage");
  return { lang, templates: await publishedTemplates() };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "campaigns:manage");
  const form = await readFormData(request, SMALL_FORM_BYTES);
  const values = Object.fromEntries(fields.map((f) => [f, String(form.get(f) ?? "")]));
  const parsed = createCampaignSchema.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const result = await createCampaign(
    { ...parsed.data, assignments: assignmentsOf(parsed.data) },
    current.user.id,
  );
  if (result.outcome === "duplicate-year")
    return data(
      { errors: { year: "errors.duplicateYear" satisfies Key<"campaigns"> }, values },
      { status: 409 },
    );
  if (result.outcome === "template-not-published")
    return data(
      { errors: { templateId: "errors.template" satisfies Key<"campaigns"> }, values },
      { status: 400 },
    );
  throw redirect(
    href("/:lang/staff/campaigns/:campaignId", { lang, campaignId: result.campaignId }),
  );
}

export default function StaffCampaignNew({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("admin");
  const { t: tc } = useT("campaigns");
  const { t: tp } = useT("partners");
  const { lang, templates } = loaderData;
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors: Record<string, string> = { ...(actionData?.errors ?? {}), ...clientErrors };
  const values: Record<string, string> = actionData?.values ?? {};
  const err = (name: string) => {
    const message = errors[name];
    return message ? tc(message, shownAsData(message)) : undefined;
  };
  return (
    <>
      <PageTitle title={t("campaigns.new")} hasErrors={Object.keys(errors).length > 0} />
      <ErrorSummary errors={errors} ns="campaigns" />
      <h1>{t("campaigns.new")}</h1>
      <Form
        method="post"
        noValidate
        onSubmit={(event) => {
          const form = new FormData(event.currentTarget);
          const parsed = createCampaignSchema.safeParse(
            Object.fromEntries(fields.map((f) => [f, String(form.get(f) ?? "")])),
          );
          if (!parsed.success) {
            event.preventDefault();
            setClientErrors(fieldErrors(parsed.error));
          } else setClientErrors({});
        }}
      >
        <TextField
          name="year"
          label={t("campaigns.form.year")}
          hint={t("campaigns.form.yearHint")}
          error={err("year")}
          defaultValue={values.year}
          className="input--short"
        />
        <div className={`form-group${errors.templateId ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="templateId">
            {t("campaigns.form.template")}
          </label>
          {errors.templateId ? (
            <p id="templateId-error" className="error-message">
              {err("templateId")}
            </p>
          ) : null}
          <select
            className="select"
            id="templateId"
            name="templateId"
            defaultValue={values.templateId ?? templates[0]?.id ?? ""}
            aria-describedby={errors.templateId ? "templateId-error" : undefined}
          >
            {templates.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>
                {localized(tpl, "title", lang)} ({tpl.key} v{tpl.version})
              </option>
            ))}
          </select>
        </div>
        <TextField
          name="titleFr"
          label={t("campaigns.form.titleFr")}
          error={err("titleFr")}
          defaultValue={values.titleFr}
        />
        <TextField
          name="titleNl"
          label={t("campaigns.form.titleNl")}
          error={err("titleNl")}
          defaultValue={values.titleNl}
        />
        <TextField
          name="opensAt"
          type="date"
          label={t("campaigns.form.opensAt")}
          error={err("opensAt")}
          defaultValue={values.opensAt}
        />
        <TextField
          name="dueAt"
          type="date"
          label={t("campaigns.form.dueAt")}
          error={err("dueAt")}
          defaultValue={values.dueAt}
        />
        <TextField
          name="graceDays"
          label={tc("settings.grace")}
          hint={tc("settings.graceHint")}
          error={err("graceDays")}
          defaultValue={values.graceDays}
          inputMode="numeric"
          className="input--short"
        />
        <fieldset className="fieldset">
          <legend className="fieldset__legend">{tc("assignments.title")}</legend>
          <p className="hint">{tc("assignments.intro")}</p>
          {[
            ...FUNDING_CHANNELS.map((c) => ({ name: channelField(c), label: tp(`channels.${c}`) })),
            ...ORGANISATION_KINDS.map((k) => ({ name: kindField(k), label: tp(`kinds.${k}`) })),
          ].map((field) => (
            <div key={field.name} className="form-group">
              <label className="label" htmlFor={field.name}>
                {field.label}
              </label>
              <select
                className="select"
                id={field.name}
                name={field.name}
                defaultValue={values[field.name] ?? ""}
              >
                <option value="">{tc("assignments.useDefault")}</option>
                {templates.map((tpl) => (
                  <option key={tpl.id} value={tpl.id}>
                    {localized(tpl, "title", lang)} ({tpl.key} v{tpl.version})
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button">
          {t("campaigns.form.create")}
        </button>
      </Form>
    </>
  );
}
