// A campaign's completeness dashboard (staff): where the returns are, rates overall, per
// funding channel and per organisation kind, and the late partners with their contacts. The
// charts are SVG drawn here on the server, each followed by a table of the same figures.
import { useT } from "~/modules/i18n/use-t";
import { Form, href, Link } from "react-router";
import type { Route } from "./+types/campaign-completeness";
import {
  type Bar,
  type BarPattern,
  HorizontalBarChart,
} from "~/components/charts/horizontal-bar-chart";
import { DataTable } from "~/components/ui/data-table";
import { PageTitle } from "~/components/ui/page-title";
import { can } from "~/modules/auth/permissions";
import { requirePermission } from "~/modules/auth/session.server";
import {
  completenessFigures,
  findCompletenessCampaign,
  lateReturns,
  type ChannelGroup,
} from "~/modules/completeness/completeness.server";
import {
  BUCKETS,
  type Bucket,
  type Figures,
  formatPercent,
  type Rate,
} from "~/modules/completeness/figures";
import type { OrganisationKind } from "~/generated/prisma/enums";
import { formatDate, formatDateTime, formatNumber } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { type Language, localized } from "~/modules/i18n/languages";
import { notFound } from "~/utils/http.server";

/** Late partners listed on the page, most overdue first; the CSV holds them all. */
const LATE_SHOWN = 100;

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  const campaign = await findCompletenessCampaign(params.campaignId);
  if (!campaign) notFound();
  const now = new Date();
  const [figures, late] = await Promise.all([
    completenessFigures(campaign),
    lateReturns(campaign, now, lang, { limit: LATE_SHOWN }),
  ]);
  return {
    lang,
    now,
    campaign: {
      id: campaign.id,
      year: campaign.year,
      title: localized({ ...campaign }, "title", lang),
      dueAt: campaign.dueAt,
      open: campaign.status === "OPEN",
    },
    figures,
    late,
    // The reminders page's "send now" asks the same permission (routes/staff/campaign-reminders).
    canSend: can(current.roles, "return:read-any"),
  };
}

// Outlined in colours of at least 3:1 against white, each with its own pattern: the chart
// never relies on colour alone, and every bar is named beside it anyway.
const BUCKET_STYLE: Record<Bucket, { pattern: BarPattern; colour: string }> = {
  notStarted: { pattern: "dots", colour: "#505a5f" },
  inProgress: { pattern: "diagonal", colour: "#1d70b8" },
  submittedOnTime: { pattern: "vertical", colour: "#00703c" },
  submittedLate: { pattern: "crosshatch", colour: "#b10e1e" },
  changesRequested: { pattern: "horizontal", colour: "#4c2c92" },
  approved: { pattern: "solid", colour: "#003d6b" },
};

export default function CampaignCompleteness({ loaderData }: Route.ComponentProps) {
  const { t } = useT(["completeness", "partners", "returns", "common"]);
  const { lang, now, campaign, figures, late, canSend } = loaderData;
  const { overall } = figures;
  const at = { lang, campaignId: campaign.id };
  const number = (n: number) => formatNumber(n, lang);
  const percent = (p: number | null) => formatPercent(p, lang);
  const rateLabel = (r: Rate) =>
    t("groups.rateLabel", { rate: percent(r.percent), count: number(r.count), of: number(r.of) });
  const channelName = (group: ChannelGroup) =>
    group === "NONE"
      ? t("groups.noChannel", { year: campaign.year })
      : t(`partners:channelsShort.${group}`);
  const kindName = (group: OrganisationKind) => t(`partners:kinds.${group}`);
  // The reminders page's action ("send now"), which then shows what went out.
  const remindersAction = href("/:lang/staff/campaigns/:campaignId/reminders", at);
  const title = t("heading", { campaign: campaign.title });

  return (
    <>
      <PageTitle title={title} />
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/staff/campaigns", { lang })}>{t("breadcrumbs.campaigns")}</Link>
          </li>
          <li>
            <Link to={href("/:lang/staff/campaigns/:campaignId", at)}>{campaign.title}</Link>
          </li>
        </ol>
      </nav>
      <h1>{title}</h1>
      <p>
        {t("intro", { date: formatDateTime(now, lang), due: formatDate(campaign.dueAt, lang) })}
      </p>

      <ul className="stat-list" aria-label={t("summary.label")}>
        <li className="stat">
          <span className="stat__value">{number(overall.expected)}</span>{" "}
          <span className="stat__label">{t("summary.expected")}</span>
        </li>
        <li className="stat">
          <span className="stat__value">{number(overall.received)}</span>{" "}
          <span className="stat__label">
            {t("summary.received", { rate: percent(overall.rates.received.percent) })}
          </span>
        </li>
        <li className="stat">
          <span className="stat__value">{number(overall.receivedOnTime)}</span>{" "}
          <span className="stat__label">
            {t("summary.onTime", { rate: percent(overall.rates.onTime.percent) })}
          </span>
        </li>
        <li className="stat">
          <span className="stat__value">{number(overall.approved)}</span>{" "}
          <span className="stat__label">
            {t("summary.approved", { rate: percent(overall.rates.approved.percent) })}
          </span>
        </li>
        <li className={late.total > 0 ? "stat stat--alert" : "stat"}>
          <span className="stat__value">{number(late.total)}</span>{" "}
          <span className="stat__label">{t("summary.late")}</span>
        </li>
      </ul>

      <h2>{t("states.title")}</h2>
      <HorizontalBarChart
        id="chart-states"
        title={t("states.chartTitle")}
        description={t("states.chartDescription", { count: overall.expected })}
        bars={BUCKETS.map((bucket): Bar => ({
          key: bucket,
          label: t(`buckets.${bucket}`),
          valueLabel: t("states.valueLabel", {
            count: number(overall.buckets[bucket]),
            share: percent(overall.shares[bucket]),
          }),
          fraction: overall.expected > 0 ? overall.buckets[bucket] / overall.expected : 0,
          ...BUCKET_STYLE[bucket],
        }))}
      />
      <DataTable
        caption={t("states.caption", { count: overall.expected })}
        captionVisible
        className="completeness-states"
        columns={[
          { label: t("states.state") },
          { label: t("states.count"), numeric: true },
          { label: t("states.share"), numeric: true },
        ]}
      >
        <tbody>
          {BUCKETS.map((bucket) => (
            <tr key={bucket} data-bucket={bucket}>
              <th scope="row">{t(`buckets.${bucket}`)}</th>
              <td className="numeric">{number(overall.buckets[bucket])}</td>
              <td className="numeric">{percent(overall.shares[bucket])}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("states.total")}</th>
            <td className="numeric">{number(overall.expected)}</td>
            <td className="numeric">{percent(overall.expected > 0 ? 100 : null)}</td>
          </tr>
        </tfoot>
      </DataTable>

      <GroupSection
        id="channel"
        title={t("groups.channelTitle")}
        chartTitle={t("groups.channelChartTitle")}
        caption={t("groups.channelCaption")}
        groupHeader={t("groups.channel")}
        overall={overall}
        groups={figures.byChannel.map(({ group, figures }) => ({
          key: group,
          name: channelName(group),
          figures,
        }))}
        rateLabel={rateLabel}
        lang={lang}
        note={t("groups.channelNote", { year: campaign.year })}
      />
      <GroupSection
        id="kind"
        title={t("groups.kindTitle")}
        chartTitle={t("groups.kindChartTitle")}
        caption={t("groups.kindCaption")}
        groupHeader={t("groups.kind")}
        overall={overall}
        groups={figures.byKind.map(({ group, figures }) => ({
          key: group,
          name: kindName(group),
          figures,
        }))}
        rateLabel={rateLabel}
        lang={lang}
      />

      <h2 id="late">{t("late.title")}</h2>
      <p>{t("late.intro")}</p>
      {late.total === 0 ? (
        <p>{t("late.none")}</p>
      ) : (
        <>
          <p>
            <a
              href={href("/:lang/staff/campaigns/:campaignId/completeness.csv", at)}
              download
              aria-describedby="late-download-hint"
            >
              {t("late.download")}
            </a>
            <br />
            <span className="hint" id="late-download-hint">
              {t("late.downloadHint")}
            </span>
          </p>
          {late.total > late.rows.length ? (
            <p>{t("late.shown", { shown: late.rows.length, count: late.total })}</p>
          ) : null}
          {canSend && campaign.open ? (
            <Form method="post" action={remindersAction}>
              <input type="hidden" name="intent" value="send-now-late" />
              <p className="hint" id="late-send-hint">
                {t("late.sendHint")}
              </p>
              <button
                type="submit"
                className="button button--secondary"
                aria-describedby="late-send-hint"
              >
                {t("late.sendAll")}
              </button>
            </Form>
          ) : null}
          {canSend && !campaign.open ? <p>{t("late.notOpen")}</p> : null}
          <DataTable
            caption={t("late.caption")}
            className="completeness-late"
            columns={[
              { label: t("late.organisation") },
              { label: t("late.due") },
              { label: t("late.daysLate"), numeric: true },
              { label: t("late.progress") },
              { label: t("late.contacts") },
              { label: t("late.lastReminder") },
              ...(canSend && campaign.open ? [{ label: t("late.actions") }] : []),
            ]}
          >
            <tbody>
              {late.rows.map((row) => (
                <tr key={row.returnId} data-return={row.returnId}>
                  <th scope="row">
                    <Link
                      to={href("/:lang/staff/returns/:returnId", {
                        lang,
                        returnId: row.returnId,
                      })}
                    >
                      {row.organisationName}
                    </Link>
                    <br />
                    <span className="hint">{t(`partners:kinds.${row.kind}`)}</span>
                  </th>
                  <td>
                    {formatDate(row.dueAt, lang)}
                    {row.extended ? ` (${t("late.extended")})` : null}
                  </td>
                  <td className="numeric">{number(row.daysLate)}</td>
                  <td>
                    {t("late.progressValue", {
                      completed: number(row.sectionsCompleted),
                      total: number(row.sectionsTotal),
                    })}
                    <br />
                    {t(`returns:returnStatus.${row.status}`)}
                  </td>
                  <td>
                    {row.contacts.length === 0 ? (
                      t("late.noContact")
                    ) : (
                      <ul className="plain-list">
                        {row.contacts.map((contact) => (
                          <li key={contact.email}>
                            {t("late.contact", {
                              name: contact.name,
                              role: t(`late.roles.${contact.role}`),
                              language: t(`languages.${contact.language}`),
                            })}
                            <br />
                            <a href={`mailto:${contact.email}`}>{contact.email}</a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {row.lastReminder
                      ? t("late.reminder", {
                          date: formatDateTime(row.lastReminder.at, lang),
                          kind: t(`reminderKinds.${row.lastReminder.kind}`),
                        })
                      : t("late.noReminder")}
                  </td>
                  {canSend && campaign.open ? (
                    <td>
                      {row.pastGrace ? (
                        t("late.pastGrace")
                      ) : (
                        <Form method="post" action={remindersAction}>
                          <input type="hidden" name="intent" value="send-now" />
                          <input type="hidden" name="returnId" value={row.returnId} />
                          <button
                            type="submit"
                            className="button button--secondary button--small"
                            aria-label={t("late.sendNowLabel", {
                              organisation: row.organisationName,
                            })}
                          >
                            {t("late.sendNow")}
                          </button>
                        </Form>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}

      <h2>{t("definitions.title")}</h2>
      <dl className="summary-list">
        {(["expected", "received", "onTime", "approved", "late"] as const).map((term) => (
          <div key={term}>
            <dt>{t(`definitions.${term}Term`)}</dt>
            <dd>{t(`definitions.${term}`)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** One breakdown (channels or kinds): a chart of the received rates, then the table. */
function GroupSection(props: {
  id: string;
  title: string;
  chartTitle: string;
  caption: string;
  groupHeader: string;
  overall: Figures;
  groups: { key: string; name: string; figures: Figures }[];
  rateLabel: (rate: Rate) => string;
  lang: Language;
  note?: string;
}) {
  const { t } = useT("completeness");
  const { lang, rateLabel } = props;
  const number = (n: number) => formatNumber(n, lang);
  const percent = (p: number | null) => formatPercent(p, lang);
  const rows = [...props.groups, { key: "ALL", name: t("groups.overall"), figures: props.overall }];
  return (
    <>
      <h2>{props.title}</h2>
      <HorizontalBarChart
        id={`chart-${props.id}`}
        title={props.chartTitle}
        description={t("groups.chartDescription")}
        bars={rows.map(({ key, name, figures }) => ({
          key,
          label: name,
          valueLabel: rateLabel(figures.rates.received),
          fraction: (figures.rates.received.percent ?? 0) / 100,
        }))}
      />
      <DataTable
        caption={props.caption}
        captionVisible
        className={`completeness-${props.id}`}
        columns={[
          { label: props.groupHeader },
          { label: t("groups.expected"), numeric: true },
          { label: t("groups.received"), numeric: true },
          { label: t("groups.receivedRate"), numeric: true },
          { label: t("groups.onTime"), numeric: true },
          { label: t("groups.onTimeRate"), numeric: true },
          { label: t("groups.approved"), numeric: true },
          { label: t("groups.approvedRate"), numeric: true },
        ]}
      >
        <tbody>
          {rows.map(({ key, name, figures }) => (
            <tr key={key} data-group={key}>
              <th scope="row">{name}</th>
              <td className="numeric">{number(figures.expected)}</td>
              <td className="numeric">{number(figures.received)}</td>
              <td className="numeric">{percent(figures.rates.received.percent)}</td>
              <td className="numeric">{number(figures.receivedOnTime)}</td>
              <td className="numeric">{percent(figures.rates.onTime.percent)}</td>
              <td className="numeric">{number(figures.approved)}</td>
              <td className="numeric">{percent(figures.rates.approved.percent)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      {props.note ? <p className="hint">{props.note}</p> : null}
    </>
  );
}
