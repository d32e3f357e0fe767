// One edition being frozen: its progress while it runs (the page asks again every two seconds
// with JavaScript; without, the Refresh button does), then a link to the edition, or why nothing
// was frozen.
import { href, Link } from "react-router";
import type { Route } from "./+types/report-edition-freeze-job";
import { JobRefresh, useRevalidateWhile } from "~/components/ui/job-refresh";
import { PageTitle } from "~/components/ui/page-title";
import { EditionsBreadcrumbs } from "~/modules/editions/components/editions-breadcrumbs";
import { requirePermission } from "~/modules/auth/session.server";
import { freezeJobState } from "~/modules/editions/freeze-job.server";
import { formatNumber } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { useT } from "~/modules/i18n/use-t";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "reports:freeze");
  const job = await freezeJobState(params.job);
  if (!job) throw new Response(null, { status: 404 });
  return { lang, job };
}

/** Why nothing was frozen, by state. */
const ENDED = {
  busy: "job.busy",
  failed: "job.failed",
  interrupted: "job.interrupted",
} as const;

export default function StaffReportEditionFreezeJob({ loaderData }: Route.ComponentProps) {
  const { t } = useT(["editions", "common"]);
  const { lang, job } = loaderData;
  const running = job.state === "running";
  useRevalidateWhile(running);
  const editions = href("/:lang/staff/reports/editions", { lang });
  const progress = job.progress;
  return (
    <>
      <PageTitle title={t("job.title")} />
      <EditionsBreadcrumbs lang={lang} toEditions={true} />
      <h1>{t("job.title")}</h1>
      {job.title ? <p>{t("job.name", { title: job.title })}</p> : null}
      <div role="status">
        {running ? (
          <p>
            {progress?.phase === "entries"
              ? t("job.entries", {
                  done: formatNumber(progress.done, lang),
                  total: formatNumber(progress.total, lang),
                })
              : t("job.tables")}
          </p>
        ) : job.state === "done" ? (
          <p>
            {t("job.done", {
              count: job.entryCount ?? 0,
              total: formatNumber(job.entryCount ?? 0, lang),
            })}
          </p>
        ) : (
          <p>{t(ENDED[job.state as keyof typeof ENDED])}</p>
        )}
      </div>
      {running ? (
        <JobRefresh
          action={href("/:lang/staff/reports/editions/freeze/:job", { lang, job: job.id })}
          liveHint={t("job.refresh")}
          manualHint={t("job.refreshManual")}
          button={t("job.refreshButton")}
        />
      ) : null}
      {job.state === "done" && job.editionId ? (
        <p>
          <Link
            to={href("/:lang/staff/reports/editions/:editionId", {
              lang,
              editionId: job.editionId,
            })}
          >
            {t("job.toEdition")}
          </Link>
        </p>
      ) : null}
      {!running ? (
        <p>
          <Link to={editions}>{t("job.back")}</Link>
        </p>
      ) : null}
    </>
  );
}
