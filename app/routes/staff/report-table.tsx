// One report table (staff): the plan and period form, the table (every non-empty cell links to
// the entries behind it), its chart drawn here as SVG, the "how this is counted" note, the
// CSV and XLSX downloads. The page shows the real counts; published files hide small ones.
import { href, Link } from "react-router";
import type { Route } from "./+types/report-table";
import { HorizontalBarChart } from "~/components/charts/horizontal-bar-chart";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";
import { useT } from "~/modules/i18n/use-t";
import { chartBars, chartColumnLabel } from "~/modules/reports/chart";
import { PeriodForm } from "~/modules/reports/components/period-form";
import { ReportTableView } from "~/modules/reports/components/report-table-view";
import { reportPageParams, tableParam } from "~/modules/reports/page.server";
import { reportSearch } from "~/modules/reports/query";
import { reportSettings } from "~/modules/reports/settings.server";
import { loadReportTable } from "~/modules/reports/tables.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "reports:read");
  const name = tableParam(params.table);
  const { plans, params: shown } = await reportPageParams(request, lang);
  const [table, settings] = await Promise.all([
    loadReportTable(name, shown, lang),
    reportSettings(),
  ]);
  return { lang, plans, table, threshold: settings.smallCountThreshold };
}

export default function ReportTablePage({ loaderData }: Route.ComponentProps) {
  const { t } = useT(["reports", "common"]);
  const { lang, plans, table, threshold } = loaderData;
  const at = { lang, table: table.name };
  const query = { plan: table.planCode || undefined, from: table.period.from, to: table.period.to };
  const search = reportSearch(query);
  const bars = chartBars(table);
  const projects = table.name === "communes-measures" || table.name === "asbl-call-themes";
  return (
    <>
      <PageTitle title={table.title} />
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={`${href("/:lang/staff/reports", { lang })}${search}`}>
              {t("page.indexTitle")}
            </Link>
          </li>
        </ol>
      </nav>
      <h1>{table.title}</h1>
      <PeriodForm
        action={href("/:lang/staff/reports/:table", at)}
        plans={plans}
        planCode={table.planCode}
        from={table.period.from}
        to={table.period.to}
      />
      {table.rows.length === 0 ? <p>{t("page.noRows")}</p> : null}
      <ReportTableView
        table={table}
        cellHref={(cell) =>
          `${href("/:lang/staff/reports/:table/cell", at)}${reportSearch({ ...query, cell })}`
        }
      />
      {projects && threshold > 0 ? (
        <p className="hint">{t("page.thresholdNote", { threshold })}</p>
      ) : null}
      <h2>{t("page.howCounted")}</h2>
      <p>{table.howCounted}</p>
      {bars.length > 0 ? (
        <>
          <h2>{t("page.chart")}</h2>
          <HorizontalBarChart
            id={`chart-${table.name}`}
            title={table.title}
            description={t("page.chartDescription", { column: chartColumnLabel(table) ?? "" })}
            bars={bars}
          />
        </>
      ) : null}
      <h2>{t("page.downloads")}</h2>
      <ul>
        <li>
          <a href={`${href("/:lang/staff/reports/:table.csv", at)}${search}`} download>
            {t("page.downloadCsv")}
          </a>
        </li>
        <li>
          <a href={`${href("/:lang/staff/reports/:table.xlsx", at)}${search}`} download>
            {t("page.downloadXlsx")}
          </a>
        </li>
      </ul>
      {threshold > 0 ? <p className="hint">{t("page.downloadNote", { threshold })}</p> : null}
    </>
  );
}
