// The report tables' index (staff): choose a plan and a period of years, then a table; and,
// for administrators, the small-count threshold of published tables (audited).
import { data, href, Link, redirect } from "react-router";
import type { Route } from "./+types/reports";
import { PageTitle } from "~/components/ui/page-title";
import { can } from "~/modules/auth/permissions";
import { requirePermission } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";
import { useT } from "~/modules/i18n/use-t";
import { PeriodForm } from "~/modules/reports/components/period-form";
import { ThresholdForm } from "~/modules/reports/components/threshold-form";
import { reportPageParams } from "~/modules/reports/page.server";
import { reportSearch } from "~/modules/reports/query";
import { reportSettings, setSmallCountThreshold } from "~/modules/reports/settings.server";
import { REPORT_TABLE_NAMES } from "~/modules/reports/table-model";
import { parseThreshold } from "~/modules/reports/threshold";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";
import { pageUrl } from "~/utils/page-url";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "reports:read");
  const [{ plans, params: shown }, settings] = await Promise.all([
    reportPageParams(request, lang),
    reportSettings(),
  ]);
  return {
    lang,
    plans,
    shown,
    threshold: settings.smallCountThreshold,
    canChangeThreshold: can(current.roles, "reports:freeze"),
    saved: pageUrl(request).searchParams.get("saved") === "threshold",
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "reports:freeze");
  const form = await readFormData(request, SMALL_FORM_BYTES);
  const raw = form.get("threshold");
  const threshold = parseThreshold(raw);
  if (threshold === null)
    return data({ error: true, submitted: typeof raw === "string" ? raw : "" }, { status: 400 });
  await setSmallCountThreshold(threshold, current.user.id);
  throw redirect(`${href("/:lang/staff/reports", { lang })}?saved=threshold`);
}

export default function Reports({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("reports");
  const { t: te } = useT("editions");
  const { lang, plans, shown, threshold, canChangeThreshold, saved } = loaderData;
  const search = reportSearch({ plan: shown.planCode, from: shown.from, to: shown.to });
  return (
    <>
      <PageTitle title={t("page.indexTitle")} />
      <h1>{t("page.indexTitle")}</h1>
      <p>{t("page.intro")}</p>
      <PeriodForm
        action={href("/:lang/staff/reports", { lang })}
        plans={plans}
        planCode={shown.planCode ?? ""}
        from={shown.from}
        to={shown.to}
      />
      <h2>{t("page.tablesTitle", { from: shown.from, to: shown.to })}</h2>
      <ul>
        {REPORT_TABLE_NAMES.map((name) => (
          <li key={name}>
            <Link to={`${href("/:lang/staff/reports/:table", { lang, table: name })}${search}`}>
              {t(`tables.${name}.short`)}
            </Link>
          </li>
        ))}
      </ul>
      <p>
        <Link to={href("/:lang/staff/reports/editions", { lang })}>{te("title")}</Link>
      </p>
      <ThresholdForm
        threshold={threshold}
        canChange={canChangeThreshold}
        saved={saved && !actionData}
        error={Boolean(actionData?.error)}
        submitted={actionData?.submitted}
      />
    </>
  );
}
