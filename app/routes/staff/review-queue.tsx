import { useT } from "~/modules/i18n/use-t";
import { PageLinks } from "~/components/ui/page-links";
import { Form, href, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/review-queue";
import { DataTable } from "~/components/ui/data-table";
import { FilterSelect } from "~/components/ui/filter-select";
import { PageTitle } from "~/components/ui/page-title";
import { StatusTag, Tag } from "~/components/ui/tags";
import { requirePermission } from "~/modules/auth/session.server";
import { formatDate, formatNumber } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { fundingChannels, organisationKinds } from "~/modules/organisations/schema";
import { assignReturn } from "~/modules/review/assign.server";
import {
  parseQueueFilters,
  QUEUE_PAGE_SIZE,
  QUEUE_SORTS,
  QUEUE_STATES,
  queueQuery,
  WAITING_DAYS,
} from "~/modules/review/queue-filters";
import { queueFilterChoices, reviewQueue } from "~/modules/review/queue.server";
import { badRequest, notFound } from "~/utils/http.server";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";
import { pageUrl } from "~/utils/page-url";

const returnIdSchema = z.string().regex(/^[a-z0-9_-]{1,60}$/i);

export async function loader({ request, params }: Route.LoaderArgs) {
  const url = pageUrl(request);
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  const filters = parseQueueFilters(url.searchParams);
  const queue = await reviewQueue(filters, { userId: current.user.id, lang });
  const choices = await queueFilterChoices(lang);
  // Set by the take action's redirect: the return now followed by the viewer.
  const taken = returnIdSchema.safeParse(url.searchParams.get("taken"));
  return {
    lang,
    filters,
    queue,
    choices,
    viewerId: current.user.id,
    taken: taken.success
      ? (queue.rows.find((r) => r.id === taken.data)?.organisationName ?? "")
      : null,
  };
}

/** "Take": the viewer follows the return from now on; back to the same view of the queue. */
export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  const form = await readFormData(request, SMALL_FORM_BYTES);
  const returnId = returnIdSchema.safeParse(form.get("returnId"));
  if (form.get("intent") !== "take" || !returnId.success) badRequest();
  const result = await assignReturn({
    current,
    returnId: returnId.data,
    assigneeId: current.user.id,
  });
  if (result.outcome !== "assigned") notFound();
  const filters = parseQueueFilters(pageUrl(request).searchParams);
  const query = new URLSearchParams(queueQuery(filters));
  query.set("taken", returnId.data);
  throw redirect(`${href("/:lang/staff/review", { lang })}?${query}`);
}

export default function StaffReviewQueue({ loaderData }: Route.ComponentProps) {
  const { t } = useT(["admin", "returns", "partners"]);
  const { lang, filters, queue, choices, viewerId, taken } = loaderData;
  const here = href("/:lang/staff/review", { lang });
  const years =
    filters.year !== undefined && !choices.years.includes(filters.year)
      ? [filters.year, ...choices.years]
      : choices.years;
  const title = t("reviewQueue.title");
  const from = (queue.page - 1) * QUEUE_PAGE_SIZE + 1;
  return (
    <>
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p>{t("reviewQueue.intro")}</p>
      {taken !== null ? (
        <div className="panel" role="status">
          <p>
            {taken
              ? t("reviewQueue.taken", { organisation: taken })
              : t("reviewQueue.takenElsewhere")}
          </p>
        </div>
      ) : null}

      <h2 className="visually-hidden">{t("reviewQueue.countsTitle")}</h2>
      <ul className="stat-list" aria-label={t("reviewQueue.countsTitle")}>
        {QUEUE_STATES.map((state) => (
          <li key={state} className="stat">
            <span className="stat__value">{formatNumber(queue.counts[state], lang)}</span>{" "}
            <Link className="stat__label" to={`${here}${queueQuery(filters, { state, page: 1 })}`}>
              {t(`returns:returnStatus.${state}`)}
            </Link>
          </li>
        ))}
      </ul>

      <Form method="get" className="filters" role="search" aria-label={t("reviewQueue.filters")}>
        <FilterSelect name="state" label={t("reviewQueue.state")} defaultValue={filters.state}>
          <option value="waiting">{t("reviewQueue.waitingStates")}</option>
          <option value="all">{t("reviewQueue.allStates")}</option>
          {QUEUE_STATES.map((state) => (
            <option key={state} value={state}>
              {t(`returns:returnStatus.${state}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="year" label={t("reviewQueue.year")} defaultValue={filters.year ?? ""}>
          <option value="">{t("reviewQueue.all")}</option>
          {years.map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          name="channel"
          label={t("reviewQueue.channel")}
          defaultValue={filters.channel ?? ""}
        >
          <option value="">{t("reviewQueue.all")}</option>
          {fundingChannels.map((channel) => (
            <option key={channel} value={channel}>
              {t(`partners:channels.${channel}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="kind" label={t("reviewQueue.kind")} defaultValue={filters.kind ?? ""}>
          <option value="">{t("reviewQueue.all")}</option>
          {organisationKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`partners:kinds.${kind}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          name="theme"
          label={t("reviewQueue.theme")}
          defaultValue={filters.theme ?? ""}
        >
          <option value="">{t("reviewQueue.all")}</option>
          {choices.themes.map((theme) => (
            <option key={theme.id} value={theme.id}>
              {theme.code}. {theme.title}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          name="measure"
          label={t("reviewQueue.measure")}
          defaultValue={filters.measure ?? ""}
        >
          <option value="">{t("reviewQueue.all")}</option>
          {choices.measures.map((measure) => (
            <option key={measure.id} value={measure.id}>
              {measure.code} – {measure.title}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          name="assignee"
          label={t("reviewQueue.assignee")}
          defaultValue={filters.assignee ?? ""}
        >
          <option value="">{t("reviewQueue.anyone")}</option>
          <option value="mine">{t("reviewQueue.mine")}</option>
          <option value="none">{t("reviewQueue.nobody")}</option>
          {choices.reviewers.map((reviewer) => (
            <option key={reviewer.id} value={reviewer.id}>
              {reviewer.name}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          name="waiting"
          label={t("reviewQueue.waiting")}
          defaultValue={filters.waiting ?? ""}
        >
          <option value="">{t("reviewQueue.anyWait")}</option>
          {WAITING_DAYS.map((days) => (
            <option key={days} value={days}>
              {t("reviewQueue.waitingMore", { count: days })}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="sort" label={t("reviewQueue.sort")} defaultValue={filters.sort}>
          {QUEUE_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`reviewQueue.sorts.${sort}`)}
            </option>
          ))}
        </FilterSelect>
        <button type="submit" className="button button--secondary">
          {t("reviewQueue.apply")}
        </button>{" "}
        <Link to={here}>{t("reviewQueue.reset")}</Link>
      </Form>

      <p role="status">
        {queue.total === 0
          ? t("reviewQueue.empty")
          : t("reviewQueue.showing", {
              count: queue.total,
              from: formatNumber(from, lang),
              to: formatNumber(from + queue.rows.length - 1, lang),
              total: formatNumber(queue.total, lang),
            })}
      </p>

      {queue.rows.length > 0 ? (
        <DataTable
          caption={t("reviewQueue.tableCaption")}
          columns={[
            { label: t("reviewQueue.columns.partner") },
            { label: t("reviewQueue.columns.campaign") },
            { label: t("reviewQueue.columns.state") },
            { label: t("reviewQueue.columns.submitted") },
            { label: t("reviewQueue.columns.waitingDays"), numeric: true },
            { label: t("reviewQueue.columns.assignee") },
          ]}
        >
          <tbody>
            {queue.rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <Link to={href("/:lang/staff/returns/:returnId", { lang, returnId: row.id })}>
                    {row.organisationName}
                  </Link>
                </td>
                <td>{row.campaignTitle}</td>
                <td>
                  <StatusTag status={row.status} label={t(`returns:returnStatus.${row.status}`)} />
                </td>
                <td>
                  {row.submittedAt ? formatDate(row.submittedAt, lang) : t("reviewQueue.none")}
                  {row.late ? (
                    <>
                      {" "}
                      <Tag tone="red">{t("returns:deadline.sentLate")}</Tag>
                    </>
                  ) : null}
                </td>
                <td className="numeric">
                  {row.waitingDays === null
                    ? t("reviewQueue.none")
                    : formatNumber(row.waitingDays, lang)}
                </td>
                <td>
                  {row.assignee?.id === viewerId ? (
                    t("reviewQueue.you")
                  ) : (
                    <>
                      {row.assignee?.name ?? t("reviewQueue.nobodyYet")}
                      <Form
                        method="post"
                        action={`${here}${queueQuery(filters)}`}
                        className="inline-form"
                      >
                        <input type="hidden" name="intent" value="take" />
                        <input type="hidden" name="returnId" value={row.id} />{" "}
                        <button
                          type="submit"
                          className="button button--secondary button--small"
                          aria-label={t("reviewQueue.takeLabel", {
                            organisation: row.organisationName,
                            campaign: row.campaignTitle,
                          })}
                        >
                          {t("reviewQueue.take")}
                        </button>
                      </Form>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}

      <PageLinks
        page={queue.page}
        pageCount={queue.pageCount}
        hrefOf={(page) => `${here}${queueQuery(filters, { page })}`}
        label={t("reviewQueue.pagination")}
        previous={t("reviewQueue.previous")}
        next={t("reviewQueue.next")}
        status={t("reviewQueue.pageOf", { page: queue.page, count: queue.pageCount })}
      />
    </>
  );
}
