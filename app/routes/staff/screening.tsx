import { useT } from "~/modules/i18n/use-t";
import { PageLinks } from "~/components/ui/page-links";
import { Form, href, Link } from "react-router";
import type { Route } from "./+types/screening";
import { FilterSelect } from "~/components/ui/filter-select";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { formatNumber } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { FindingCard } from "~/modules/screening/components/finding-card";
import { ScreenedStatus } from "~/modules/screening/components/screened-status";
import { screenedParam } from "~/modules/screening/resolution";
import { screeningQueue } from "~/modules/screening/findings.server";
import {
  FINDING_KINDS,
  FINDING_STATUSES,
  parseScreeningFilters,
  SCREENING_PAGE_SIZE,
  screeningQuery,
} from "~/modules/screening/queue-filters";
import { pageUrl } from "~/utils/page-url";

// Staff: the possible personal data found in the dataset's current entries, open ones first
// (the default filter), by kind, a page at a time; each with the words around it, the entry it
// is in (a link to its return, or the imported file and line) and, while open, the reviewer's
// three choices. Filters are a GET form: the page works without JavaScript.
export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "screening:resolve");
  const url = pageUrl(request);
  const filters = parseScreeningFilters(url.searchParams);
  const queue = await screeningQueue(filters, lang);
  return { lang, filters, queue, screened: screenedParam(url.searchParams) };
}

export default function StaffScreening({ loaderData }: Route.ComponentProps) {
  const { t } = useT(["screening", "common"]);
  const { lang, filters, queue, screened } = loaderData;
  const here = href("/:lang/staff/screening", { lang });
  const returnTo = `${here}${screeningQuery(filters)}`;
  const title = t("queue.title");
  const from = (queue.page - 1) * SCREENING_PAGE_SIZE + 1;
  return (
    <>
      <PageTitle title={title} />
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/staff/dataset", { lang })}>{t("queue.breadcrumb")}</Link>
          </li>
        </ol>
      </nav>
      <ScreenedStatus status={screened} />
      <h1>{title}</h1>
      <p>{t("queue.intro")}</p>

      <h2 className="visually-hidden">{t("queue.countsTitle")}</h2>
      <ul className="stat-list" aria-label={t("queue.countsTitle")}>
        {FINDING_STATUSES.map((status) => (
          <li key={status} className="stat">
            <span className="stat__value">{formatNumber(queue.counts[status], lang)}</span>{" "}
            <Link
              className="stat__label"
              to={`${here}${screeningQuery(filters, { status, page: 1 })}`}
            >
              {t(`statuses.${status}`)}
            </Link>
          </li>
        ))}
      </ul>

      <Form method="get" className="filters" role="search" aria-label={t("queue.filters")}>
        <FilterSelect name="status" label={t("queue.status")} defaultValue={filters.status}>
          {FINDING_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`statuses.${status}`)}
            </option>
          ))}
          <option value="all">{t("queue.allStatuses")}</option>
        </FilterSelect>
        <FilterSelect name="kind" label={t("queue.kind")} defaultValue={filters.kind ?? ""}>
          <option value="">{t("queue.allKinds")}</option>
          {FINDING_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kinds.${kind}`)}
            </option>
          ))}
        </FilterSelect>
        <button type="submit" className="button button--secondary">
          {t("queue.apply")}
        </button>{" "}
        <Link to={`${here}?status=all`}>{t("queue.reset")}</Link>
      </Form>

      <p role="status">
        {queue.total === 0
          ? t("queue.empty")
          : t("queue.showing", {
              count: queue.total,
              from: formatNumber(from, lang),
              to: formatNumber(from + queue.rows.length - 1, lang),
              total: formatNumber(queue.total, lang),
            })}
      </p>

      {queue.rows.length > 0 ? (
        <section aria-labelledby="findings-title">
          <h2 id="findings-title">{t("queue.listTitle")}</h2>
          <ol className="plain-list finding-list">
            {queue.rows.map((row) => (
              <li key={row.id}>
                <FindingCard
                  finding={row}
                  entry={row.entry}
                  lang={lang}
                  returnTo={returnTo}
                  canResolve
                  headingLevel={3}
                />
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <PageLinks
        page={queue.page}
        pageCount={queue.pageCount}
        hrefOf={(page) => `${here}${screeningQuery(filters, { page })}`}
        label={t("queue.pagination")}
        previous={t("queue.previous")}
        next={t("queue.next")}
        status={t("queue.pageOf", { page: queue.page, count: queue.pageCount })}
      />
    </>
  );
}
