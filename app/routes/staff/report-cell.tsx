// The entries behind one cell of a report table (staff): exactly those the figure counts
// (reports/drill.server.ts), 50 a page, each with its partner, year, channel, measure, link,
// provenance (approved return or historical import) and its return when it has one.
import { href, Link } from "react-router";
import { PageLinks } from "~/components/ui/page-links";
import type { Route } from "./+types/report-cell";
import { DataTable } from "~/components/ui/data-table";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { formatNumber } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { useT } from "~/modules/i18n/use-t";
import { drillCell } from "~/modules/reports/drill.server";
import { reportPageParams, tableParam } from "~/modules/reports/page.server";
import { reportSearch } from "~/modules/reports/query";
import { parseDrillKey } from "~/modules/reports/table-model";
import { loadReportTable } from "~/modules/reports/tables.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "reports:read");
  const name = tableParam(params.table);
  const { query, params: shown } = await reportPageParams(request, lang);
  const key = query.cell ? parseDrillKey(query.cell) : null;
  if (!query.cell || !key) notFound();
  const [table, drill] = await Promise.all([
    loadReportTable(name, shown, lang),
    drillCell(name, shown, query.cell, query.page ?? 1, lang),
  ]);
  if (!drill) notFound();
  const row = [...table.rows, ...(table.total ? [table.total] : [])].find((r) => r.key === key.row);
  const column = table.columns.find((c) => c.key === key.column);
  return {
    lang,
    table: { name: table.name, title: table.title, planCode: table.planCode, period: table.period },
    cell: query.cell,
    rowLabel: row?.label ?? key.row,
    columnLabel: column?.label ?? key.column,
    figure: row?.cells[key.column]?.display ?? null,
    drill,
  };
}

export default function ReportCell({ loaderData }: Route.ComponentProps) {
  const { t } = useT(["reports", "partners", "common"]);
  const { lang, table, cell, rowLabel, columnLabel, figure, drill } = loaderData;
  const query = { plan: table.planCode || undefined, from: table.period.from, to: table.period.to };
  const at = { lang, table: table.name };
  const title = t("drill.title", { row: rowLabel, column: columnLabel });
  const pageLink = (page: number) =>
    `${href("/:lang/staff/reports/:table/cell", at)}${reportSearch({ ...query, cell, page })}`;
  return (
    <>
      <PageTitle title={title} />
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={`${href("/:lang/staff/reports", { lang })}${reportSearch(query)}`}>
              {t("page.indexTitle")}
            </Link>
          </li>
          <li>
            <Link to={`${href("/:lang/staff/reports/:table", at)}${reportSearch(query)}`}>
              {table.title}
            </Link>
          </li>
        </ol>
      </nav>
      <h1>{title}</h1>
      <p>
        {figure === null
          ? t("drill.summary", { count: drill.total, total: formatNumber(drill.total, lang) })
          : t("drill.summaryFigure", {
              count: drill.total,
              total: formatNumber(drill.total, lang),
              figure,
            })}
      </p>
      <DataTable
        caption={t("drill.caption", {
          row: rowLabel,
          column: columnLabel,
          page: drill.page,
          pages: drill.pageCount,
        })}
        columns={[
          { label: t("drill.columns.organisation") },
          { label: t("drill.columns.year"), numeric: true },
          { label: t("drill.columns.channel") },
          { label: t("drill.columns.measure") },
          { label: t("drill.columns.link") },
          { label: t("drill.columns.source") },
          { label: t("drill.columns.return") },
        ]}
      >
        <tbody>
          {drill.entries.map((entry) => (
            <tr key={entry.id} data-entry={entry.id}>
              <th scope="row">{entry.organisationName}</th>
              <td className="numeric">{entry.year}</td>
              <td>{t(`partners:channelsShort.${entry.channel}`)}</td>
              <td>{entry.measureCode}</td>
              <td>{t(`drill.links.${entry.link}`)}</td>
              <td>{t(`drill.sources.${entry.source}`)}</td>
              <td>
                {entry.returnId ? (
                  <Link
                    to={href("/:lang/staff/returns/:returnId", { lang, returnId: entry.returnId })}
                    aria-label={t("drill.returnLabel", {
                      organisation: entry.organisationName,
                      year: entry.year,
                    })}
                  >
                    {t("drill.return")}
                  </Link>
                ) : (
                  t("drill.noReturn")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <PageLinks
        page={drill.page}
        pageCount={drill.pageCount}
        hrefOf={pageLink}
        label={t("drill.pagination")}
        previous={t("drill.previous")}
        next={t("drill.next")}
        status={t("drill.pageOf", { page: drill.page, pages: drill.pageCount })}
      />
    </>
  );
}
