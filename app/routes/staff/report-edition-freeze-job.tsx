// One edition being frozen: its progress while it runs (the page asks again every two seconds
// with JavaScript; without, the Refresh button does), then a link to the edition, or why nothing
// was frozen.
import { useEffect } from "react";
import { Form, href, Link, useRevalidator } from "react-router";
import type { Route } from "./+types/report-edition-freeze-job";
import { PageTitle } from "~/components/ui/page-title";
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
  const revalidator = useRevalidator();
  const running = job.state === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") void revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  const editions = href("/:lang/staff/reports/editions", { lang });
  const progress = job.progress;
  return (
    <>
      <PageTitle title={t("job.title")} />
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/staff/reports", { lang })}>{t("breadcrumbs.reports")}</Link>
          </li>
          <li>
            <Link to={editions}>{t("breadcrumbs.editions")}</Link>
          </li>
        </ol>
      </nav>
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
        <Form
          method="get"
          action={href("/:lang/staff/reports/editions/freeze/:job", { lang, job: job.id })}
        >
          <p className="hint">{t("job.refresh")}</p>
          <button type="submit" className="button">
            {t("job.refreshButton")}
          </button>
        </Form>
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
