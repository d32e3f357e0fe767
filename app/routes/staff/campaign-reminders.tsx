import { useState } from "react";
import { data, Form, href, Link } from "react-router";
import type { Route } from "./+types/campaign-reminders";
import { DataTable } from "~/components/ui/data-table";
import { ErrorSummary } from "~/components/ui/error-summary";
import { PageTitle } from "~/components/ui/page-title";
import { can } from "~/modules/auth/permissions";
import { requirePermission } from "~/modules/auth/session.server";
import { shownAsData, type Key } from "~/modules/i18n/keys";
import { langParam } from "~/modules/i18n/lang-param";
import { localized } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";
import { remindersPage } from "~/modules/reminders/page.server";
import { addRule, deleteRule, updateRule } from "~/modules/reminders/rules.server";
import { previewDaySchema, REMINDER_KINDS, ruleSchema } from "~/modules/reminders/schema";
import { RemindersPreview } from "~/modules/reminders/components/reminders-preview";
import { rehearseReminders } from "~/modules/reminders/rehearsal.server";
import { sendNow } from "~/modules/reminders/send-now.server";
import { env } from "~/utils/env.server";
import { brusselsDay } from "~/modules/returns/deadlines";
import { badRequest } from "~/utils/http.server";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";
import { fieldErrors } from "~/utils/zod-errors";

// A campaign's reminders: the rules (administrators edit them), what goes out on a chosen day
// (a dry run), "send now" to one late partner or all of them, and the last messages.

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  const on = new URL(request.url).searchParams.get("on");
  const previewDay = on === null ? null : previewDaySchema.safeParse(on);
  const now = new Date();
  const page = await remindersPage(
    params.campaignId,
    now,
    previewDay?.success ? previewDay.data : null,
  );
  if (!page) throw data(null, { status: 404 });
  return {
    lang,
    page,
    today: brusselsDay(now),
    previewInput: on,
    previewError: previewDay && !previewDay.success ? previewDay.error.issues[0]!.message : null,
    canEdit: can(current.roles, "campaigns:manage"),
    rehearsal: env.remindersRehearsal,
  };
}

const RULE_FIELDS = ["kind", "days", "escalate", "active"] as const;

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  const form = await readFormData(request, SMALL_FORM_BYTES);
  const intent = String(form.get("intent") ?? "");
  const campaignId = params.campaignId;
  if (intent === "send-now" || intent === "send-now-late") {
    const returnId = String(form.get("returnId") ?? "");
    if (intent === "send-now" && !returnId) badRequest();
    const result = await sendNow({
      campaignId,
      returnIds: intent === "send-now" ? [returnId] : "late",
      actorUserId: current.user.id,
      now: new Date(),
    });
    if (result.outcome === "not-found") throw data(null, { status: 404 });
    if (result.outcome === "closed") return data({ notice: "closed" as const }, { status: 409 });
    return { notice: "sent" as const, queued: result.queued };
  }
  // Rules and rehearsals: administrators only.
  await requirePermission(request, lang, "campaigns:manage");
  if (intent === "rehearse") {
    const day = previewDaySchema.safeParse(String(form.get("on") ?? ""));
    if (!env.remindersRehearsal || !day.success) badRequest();
    const report = await rehearseReminders(campaignId, day.data, current.user.id);
    if (report === "not-found") throw data(null, { status: 404 });
    return { notice: "rehearsed" as const, queued: report.queued };
  }
  const ruleId = String(form.get("ruleId") ?? "");
  if (intent === "delete-rule") {
    const outcome = await deleteRule(campaignId, ruleId, current.user.id);
    if (outcome === "not-found") throw data(null, { status: 404 });
    return { notice: "deleted" as const };
  }
  if (intent !== "add-rule" && intent !== "update-rule") badRequest();
  const values = Object.fromEntries(
    RULE_FIELDS.flatMap((f) => (form.has(f) ? [[f, String(form.get(f))]] : [])),
  ) as Record<string, string>;
  const parsed = ruleSchema.safeParse(values);
  const formId = intent === "add-rule" ? "new" : ruleId;
  if (!parsed.success) {
    return data({ formId, errors: fieldErrors(parsed.error), values }, { status: 400 });
  }
  const outcome =
    intent === "add-rule"
      ? await addRule(campaignId, parsed.data, current.user.id)
      : await updateRule(campaignId, ruleId, parsed.data, current.user.id);
  if (outcome === "not-found") throw data(null, { status: 404 });
  if (outcome === "duplicate") {
    const errors = { days: "errors.duplicate" satisfies Key<"reminders"> };
    return data({ formId, errors, values }, { status: 409 });
  }
  return { notice: "saved" as const };
}

type ActionData = Route.ComponentProps["actionData"];

function errorsFor(actionData: ActionData, formId: string) {
  return actionData && "formId" in actionData && actionData.formId === formId
    ? { errors: actionData.errors as Record<string, string>, values: actionData.values }
    : null;
}

function RuleFields(props: {
  id: string;
  rule: { kind: string; days: number; escalate: boolean; active: boolean };
  errors: Record<string, string>;
  values: Record<string, string> | null;
  withKind: boolean;
}) {
  const { t } = useT("reminders");
  const { id, rule, errors, values } = props;
  const err = (name: string) =>
    errors[name] ? t(errors[name] as Key<"reminders">, shownAsData(errors[name])) : null;
  const fieldId = (name: string) => (id === "new" ? name : `${name}-${id}`);
  return (
    <>
      {props.withKind ? (
        <div className={`form-group${errors.kind ? " form-group--error" : ""}`}>
          <label className="label" htmlFor={fieldId("kind")}>
            {t("rules.kind")}
          </label>
          {errors.kind ? (
            <p id={`${fieldId("kind")}-error`} className="error-message">
              {err("kind")}
            </p>
          ) : null}
          <select
            className="select"
            id={fieldId("kind")}
            name="kind"
            defaultValue={values?.kind ?? rule.kind}
          >
            {REMINDER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <input type="hidden" name="kind" value={rule.kind} />
      )}
      <div className={`form-group${errors.days ? " form-group--error" : ""}`}>
        <label className="label" htmlFor={fieldId("days")}>
          {t("rules.days")}
        </label>
        {errors.days ? (
          <p id={`${fieldId("days")}-error`} className="error-message">
            {err("days")}
          </p>
        ) : null}
        <input
          className="input input--short"
          id={fieldId("days")}
          name="days"
          inputMode="numeric"
          defaultValue={values?.days ?? String(rule.days)}
          aria-describedby={errors.days ? `${fieldId("days")}-error` : undefined}
        />
      </div>
      <div className="checkbox">
        <input
          type="checkbox"
          id={fieldId("escalate")}
          name="escalate"
          defaultChecked={values ? values.escalate === "on" : rule.escalate}
        />
        <label htmlFor={fieldId("escalate")}>{t("rules.escalate")}</label>
      </div>
      <div className="checkbox">
        <input
          type="checkbox"
          id={fieldId("active")}
          name="active"
          defaultChecked={values ? values.active === "on" : rule.active}
        />
        <label htmlFor={fieldId("active")}>{t("rules.active")}</label>
      </div>
    </>
  );
}

export default function CampaignReminders({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("reminders");
  const { lang, page, canEdit, today } = loaderData;
  const [clientErrors, setClientErrors] = useState<{
    formId: string;
    errors: Record<string, string>;
  } | null>(null);
  const title = t("title", { campaign: localized(page.campaign, "title", lang) });
  const server =
    actionData && "formId" in actionData ? errorsFor(actionData, actionData.formId) : null;
  const shown =
    clientErrors ??
    (server && actionData && "formId" in actionData
      ? { formId: actionData.formId, errors: server.errors }
      : null);
  const allErrors = {
    ...(shown?.errors ?? {}),
    ...(loaderData.previewError ? { on: loaderData.previewError } : {}),
  };
  const validate = (formId: string) => (event: React.FormEvent<HTMLFormElement>) => {
    const form = new FormData(event.currentTarget);
    const values = Object.fromEntries(
      RULE_FIELDS.flatMap((f) => (form.has(f) ? [[f, String(form.get(f))]] : [])),
    );
    const parsed = ruleSchema.safeParse(values);
    if (!parsed.success) {
      event.preventDefault();
      setClientErrors({ formId, errors: fieldErrors(parsed.error) });
    } else setClientErrors(null);
  };
  const notice = actionData && "notice" in actionData ? actionData : null;
  const campaignPath = href("/:lang/staff/campaigns/:campaignId", {
    lang,
    campaignId: page.campaign.id,
  });
  return (
    <>
      <PageTitle title={title} hasErrors={Object.keys(allErrors).length > 0} />
      <ErrorSummary errors={allErrors} ns="reminders" />
      <p>
        <Link to={campaignPath}>{t("back")}</Link>
      </p>
      <h1>{title}</h1>
      {notice ? (
        <div role="status" className="panel">
          <p>
            {notice.notice === "sent" || notice.notice === "rehearsed"
              ? t(`notices.${notice.notice}`, { count: notice.queued })
              : t(`notices.${notice.notice}`)}
          </p>
        </div>
      ) : null}
      <p>{t("intro")}</p>

      <h2>{t("rules.title")}</h2>
      <DataTable
        caption={t("rules.title")}
        columns={[
          { label: t("rules.kind") },
          { label: t("rules.when") },
          ...(canEdit ? [{ label: t("rules.change") }] : []),
        ]}
      >
        <tbody>
          {page.rules.map((rule) => {
            const err =
              shown?.formId === rule.id
                ? { errors: shown.errors, values: server?.values ?? null }
                : null;
            return (
              <tr key={rule.id}>
                <th scope="row">
                  {t(`kinds.${rule.kind}`)}
                  {rule.active ? null : <> ({t("rules.inactive")})</>}
                </th>
                <td>
                  {rule.kind === "INVITATION" && rule.days === 0
                    ? t("when.atOpening")
                    : t(`when.${rule.kind}`, { count: rule.days })}
                  {rule.escalate ? <> – {t("rules.escalates")}</> : null}
                </td>
                {canEdit ? (
                  <td>
                    <Form method="post" noValidate onSubmit={validate(rule.id)}>
                      <input type="hidden" name="intent" value="update-rule" />
                      <input type="hidden" name="ruleId" value={rule.id} />
                      <RuleFields
                        id={rule.id}
                        rule={rule}
                        errors={err?.errors ?? {}}
                        values={err?.values ?? null}
                        withKind={false}
                      />
                      <button type="submit" className="button button--secondary">
                        {t("rules.save")}
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="intent" value="delete-rule" />
                      <input type="hidden" name="ruleId" value={rule.id} />
                      <button type="submit" className="button button--warning">
                        {t("rules.delete")}
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      {canEdit ? (
        <Form method="post" noValidate onSubmit={validate("new")}>
          <h3>{t("rules.add")}</h3>
          <input type="hidden" name="intent" value="add-rule" />
          <RuleFields
            id="new"
            rule={{ kind: "AFTER_DUE", days: 21, escalate: false, active: true }}
            errors={shown?.formId === "new" ? shown.errors : {}}
            values={shown?.formId === "new" ? (server?.values ?? null) : null}
            withKind
          />
          <button type="submit" className="button">
            {t("rules.addButton")}
          </button>
        </Form>
      ) : null}

      <h2>{t("late.title")}</h2>
      {page.late.length === 0 ? (
        <p>{t("late.none")}</p>
      ) : (
        <>
          <Form method="post">
            <input type="hidden" name="intent" value="send-now-late" />
            <button type="submit" className="button">
              {t("late.sendAll", { count: page.late.length })}
            </button>
          </Form>
          <ul>
            {page.late.map((ret) => (
              <li key={ret.id}>
                {localized(ret, "name", lang)}{" "}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="send-now" />
                  <input type="hidden" name="returnId" value={ret.id} />
                  <button
                    type="submit"
                    className="button button--secondary"
                    aria-label={t("late.sendOneFor", { name: localized(ret, "name", lang) })}
                  >
                    {t("late.sendOne")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      )}

      <RemindersPreview
        preview={page.preview}
        previewInput={loaderData.previewInput}
        previewError={loaderData.previewError}
        today={today}
        rehearsal={loaderData.rehearsal && loaderData.canEdit && page.campaign.status === "OPEN"}
        lang={lang}
      />

      <h2>{t("last.title")}</h2>
      {page.dispatches.length === 0 ? (
        <p>{t("last.none")}</p>
      ) : (
        <DataTable
          caption={t("last.title")}
          columns={[
            { label: t("columns.day") },
            { label: t("columns.organisation") },
            { label: t("columns.kind") },
            { label: t("columns.recipient") },
            { label: t("columns.status") },
          ]}
        >
          <tbody>
            {page.dispatches.map((d) => (
              <tr key={d.id}>
                <td>{d.day}</td>
                <td>{localized(d, "name", lang)}</td>
                <td>
                  {t(`kinds.${d.kind}`)}
                  {d.manual ? <> ({t("last.manual")})</> : null}
                </td>
                <td>{d.recipient}</td>
                <td>
                  {d.status === "QUEUED"
                    ? t("status.QUEUED")
                    : t(`skip.${(d.skipReason ?? "same-day") as "same-day" | "recently-reminded"}`)}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <p>
        <Link to={href("/:lang/staff/emails/:template", { lang, template: "reminder" })}>
          {t("previewEmails")}
        </Link>
      </p>
    </>
  );
}
