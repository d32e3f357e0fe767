// The report's frozen editions (staff): the list, and for administrators the form that freezes
// a new one (tables and entries of a plan and period, as published now). Freezing is one use
// case (editions/freeze.server.ts), run in the background (freeze-job.server.ts); this route
// checks, parses, starts it, and waits a moment: a small edition leads straight to its page, a
// larger one to the freeze's page, which shows its progress.
import { useState } from "react";
import { data, Form, href, Link, redirect } from "react-router";
import type { Route } from "./+types/report-editions";
import { DataTable } from "~/components/ui/data-table";
import { ErrorSummary, FieldGroup, TextField } from "~/components/ui/error-summary";
import { PageTitle } from "~/components/ui/page-title";
import { EditionsBreadcrumbs } from "~/modules/editions/components/editions-breadcrumbs";
import { SubmitButton } from "~/components/ui/submit-button";
import { can } from "~/modules/auth/permissions";
import { requirePermission } from "~/modules/auth/session.server";
import { listEditions } from "~/modules/editions/editions.server";
import { startFreezeJob, waitForFreezeJob } from "~/modules/editions/freeze-job.server";
import { checkFreeze } from "~/modules/editions/freeze.server";
import { FREEZE_FIELDS, freezeEditionSchema } from "~/modules/editions/schema";
import { formatDateTime, formatNumber } from "~/modules/i18n/format";
import { type Key, shownAsData } from "~/modules/i18n/keys";
import { langParam } from "~/modules/i18n/lang-param";
import { useT } from "~/modules/i18n/use-t";
import { reportPlans } from "~/modules/reports/plan.server";
import { env } from "~/utils/env.server";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";
import { fieldErrors } from "~/utils/zod-errors";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "reports:read");
  const canFreeze = can(current.roles, "reports:freeze");
  const [editions, plans] = await Promise.all([
    listEditions(lang),
    canFreeze ? reportPlans(lang) : Promise.resolve([]),
  ]);
  return { lang, editions, plans, canFreeze };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "reports:freeze");
  const form = await readFormData(request, SMALL_FORM_BYTES);
  const values = Object.fromEntries(FREEZE_FIELDS.map((f) => [f, String(form.get(f) ?? "")]));
  const parsed = freezeEditionSchema.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const result = await checkFreeze(parsed.data);
  if (result.outcome === "unknown-plan")
    return data(
      { errors: { planCode: "errors.plan" satisfies Key<"editions"> }, values },
      { status: 400 },
    );
  if (result.outcome === "outside-plan")
    return data(
      {
        errors: {
          [parsed.data.fromYear < result.from ? "fromYear" : "toYear"]:
            "errors.outsidePlan" satisfies Key<"editions">,
        },
        values,
        years: { from: result.from, to: result.to },
      },
      { status: 400 },
    );
  const started = await startFreezeJob(parsed.data, current.user.id);
  if (started.outcome === "title-taken")
    return data(
      { errors: { title: "errors.titleTaken" satisfies Key<"editions"> }, values },
      { status: 400 },
    );
  if (started.outcome === "frozen")
    throw redirect(
      href("/:lang/staff/reports/editions/:editionId", { lang, editionId: started.editionId }),
    );
  const { job } = started;
  const ended = await waitForFreezeJob(job, env.backgroundWaitMs);
  if (ended?.state === "busy")
    return data(
      { errors: { title: "errors.busy" satisfies Key<"editions"> }, values },
      { status: 409 },
    );
  if (ended?.state === "done" && ended.editionId)
    throw redirect(
      `${href("/:lang/staff/reports/editions/:editionId", { lang, editionId: ended.editionId })}?frozen=1`,
    );
  throw redirect(href("/:lang/staff/reports/editions/freeze/:job", { lang, job }));
}

export default function ReportEditions({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT(["editions", "common"]);
  const { lang, editions, plans, canFreeze } = loaderData;
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors: Record<string, string> = { ...(actionData?.errors ?? {}), ...clientErrors };
  const values: Record<string, string> = actionData?.values ?? {};
  // The plan's years, for the error that names them.
  const years: { from: number; to: number } | undefined =
    actionData && "years" in actionData
      ? (actionData.years as { from: number; to: number })
      : undefined;
  const err = (name: string) => {
    const message = errors[name];
    if (!message) return undefined;
    return t(message, { ...shownAsData(message), ...years });
  };
  const firstPlan = plans[0];
  return (
    <>
      <PageTitle title={t("title")} hasErrors={Object.keys(errors).length > 0} />
      <ErrorSummary errors={errors} ns="editions" values={years} />
      <EditionsBreadcrumbs lang={lang} toEditions={false} />
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>

      <h2>{t("list.title")}</h2>
      {editions.length === 0 ? (
        <p>{t("list.empty")}</p>
      ) : (
        <DataTable
          caption={t("list.caption")}
          columns={[
            { label: t("list.edition") },
            { label: t("list.plan") },
            { label: t("list.period") },
            { label: t("list.frozenAt") },
            { label: t("list.frozenBy") },
            { label: t("list.entries"), numeric: true },
          ]}
        >
          <tbody>
            {editions.map((edition) => (
              <tr key={edition.id}>
                <th scope="row">
                  <Link
                    to={href("/:lang/staff/reports/editions/:editionId", {
                      lang,
                      editionId: edition.id,
                    })}
                  >
                    {edition.title}
                  </Link>
                </th>
                <td>{edition.planCode}</td>
                <td>{t("period", { from: edition.fromYear, to: edition.toYear })}</td>
                <td>{formatDateTime(edition.frozenAt, lang)}</td>
                <td>{edition.frozenBy ?? t("edition.nobody")}</td>
                <td className="numeric">{formatNumber(edition.entryCount, lang)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}

      {canFreeze && firstPlan ? (
        <section aria-labelledby="freeze-title">
          <h2 id="freeze-title">{t("freeze.title")}</h2>
          <p>{t("freeze.intro")}</p>
          <Form
            method="post"
            noValidate
            onSubmit={(event) => {
              const form = new FormData(event.currentTarget);
              const parsed = freezeEditionSchema.safeParse(
                Object.fromEntries(FREEZE_FIELDS.map((f) => [f, String(form.get(f) ?? "")])),
              );
              if (!parsed.success) {
                event.preventDefault();
                setClientErrors(fieldErrors(parsed.error));
              } else setClientErrors({});
            }}
          >
            <TextField
              name="title"
              label={t("freeze.titleLabel")}
              hint={t("freeze.titleHint")}
              error={err("title")}
              defaultValue={values.title}
            />
            <FieldGroup name="planCode" label={t("freeze.plan")} error={err("planCode")}>
              {(describedBy) => (
                <select
                  className="select"
                  id="planCode"
                  name="planCode"
                  defaultValue={values.planCode ?? firstPlan.code}
                  aria-describedby={describedBy}
                  aria-invalid={errors.planCode ? true : undefined}
                >
                  {plans.map((plan) => (
                    <option key={plan.code} value={plan.code}>
                      {plan.code} – {plan.title}
                    </option>
                  ))}
                </select>
              )}
            </FieldGroup>
            <TextField
              name="fromYear"
              label={t("freeze.fromYear")}
              hint={t("freeze.yearHint")}
              error={err("fromYear")}
              defaultValue={values.fromYear ?? String(firstPlan.startYear)}
              inputMode="numeric"
              className="input--short"
            />
            <TextField
              name="toYear"
              label={t("freeze.toYear")}
              hint={t("freeze.yearHint")}
              error={err("toYear")}
              defaultValue={values.toYear ?? String(firstPlan.endYear)}
              inputMode="numeric"
              className="input--short"
            />
            <SubmitButton label={t("freeze.submit")} pendingLabel={t("freeze.pending")} />
          </Form>
        </section>
      ) : null}
    </>
  );
}
