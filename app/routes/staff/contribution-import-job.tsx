// One contributions import: its progress while it runs (the page asks again every two seconds
// with JavaScript; without, the Refresh button does), then its result with a link to the
// imported entries in the dataset.
import { href, Link } from "react-router";
import type { Route } from "./+types/contribution-import-job";
import { DataTable } from "~/components/ui/data-table";
import { JobRefresh, useRevalidateWhile } from "~/components/ui/job-refresh";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { importJobState } from "~/modules/contributions/jobs.server";
import { datasetQuery } from "~/modules/dataset/filters";
import { formatNumber } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { useT } from "~/modules/i18n/use-t";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "dataset:import");
  const job = await importJobState(params.job);
  if (!job) throw new Response(null, { status: 404 });
  return { lang, job };
}

export default function StaffContributionImportJob({ loaderData }: Route.ComponentProps) {
  const { t } = useT(["contributions", "common"]);
  const { lang, job } = loaderData;
  const running = job.state === "running";
  useRevalidateWhile(running);
  const result = job.result;
  const imported = job.state === "done" && result?.applied;
  const here = href("/:lang/staff/dataset/import/:job", { lang, job: job.id });
  return (
    <>
      <PageTitle title={t("job.title")} />
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/staff/dataset", { lang })}>{t("breadcrumb")}</Link>
          </li>
          <li>
            <Link to={href("/:lang/staff/dataset/import", { lang })}>{t("title")}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t("job.title")}</h1>
      {job.fileName ? <p>{t("job.file", { name: job.fileName })}</p> : null}
      <div role="status">
        {running ? (
          <p>
            {t("job.running", { phase: t(`job.phases.${job.phase ?? "reading"}`) })}{" "}
            {job.total > 0
              ? t("job.progress", {
                  done: formatNumber(job.done, lang),
                  total: formatNumber(job.total, lang),
                })
              : null}
          </p>
        ) : job.state === "failed" ? (
          <p>{t("job.failed")}</p>
        ) : job.state === "interrupted" ? (
          <p>{t("job.interrupted")}</p>
        ) : imported ? (
          <p>{t("job.done")}</p>
        ) : (
          <p>{t("job.errorsAtImport")}</p>
        )}
      </div>
      {running ? (
        <JobRefresh
          action={here}
          liveHint={t("job.refresh")}
          manualHint={t("job.refreshManual")}
          button={t("job.refreshButton")}
        />
      ) : null}
      {imported && result ? (
        <>
          <DataTable
            caption={t("job.doneCaption")}
            captionVisible
            columns={[
              { label: t("result.rows"), numeric: true },
              { label: t("job.created"), numeric: true },
              { label: t("result.known"), numeric: true },
              { label: t("job.findings"), numeric: true },
            ]}
          >
            <tbody>
              <tr>
                <td className="numeric">{formatNumber(result.rowCount, lang)}</td>
                <td className="numeric">{formatNumber(result.newCount, lang)}</td>
                <td className="numeric">{formatNumber(result.knownCount, lang)}</td>
                <td className="numeric">{formatNumber(result.findingCount, lang)}</td>
              </tr>
            </tbody>
          </DataTable>
          <p>
            <Link
              to={`${href("/:lang/staff/dataset", { lang })}${datasetQuery(
                // This import's entries; none added (all in the dataset already): every import's.
                result.importId
                  ? { year: "all", import: result.importId, history: false }
                  : { year: "all", source: "IMPORT", history: false },
              )}`}
            >
              {t("job.toDataset")}
            </Link>
          </p>
        </>
      ) : null}
      {!running ? (
        <p>
          <Link to={href("/:lang/staff/dataset/import", { lang })}>{t("job.another")}</Link>
        </p>
      ) : null}
    </>
  );
}
