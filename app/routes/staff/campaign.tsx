import { data, href, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/campaign";
import { PageTitle } from "~/components/ui/page-title";
import { ErrorSummaryBox } from "~/components/ui/error-summary";
import { can } from "~/modules/auth/permissions";
import { requirePermission } from "~/modules/auth/session.server";
import { campaignPage } from "~/modules/campaigns/campaign-page.server";
import { CampaignStatusTag, LifecyclePanel } from "~/modules/campaigns/components/lifecycle-panel";
import { ExtensionsPanel } from "~/modules/campaigns/components/extensions-panel";
import { GenerationPanel, ReturnsTable } from "~/modules/campaigns/components/campaign-returns";
import { SettingsForm } from "~/modules/campaigns/components/settings-form";
import { FourEyesPanel } from "~/modules/campaigns/components/four-eyes-panel";
import { campaignAction } from "~/modules/campaigns/campaign-actions.server";
import { formatDate } from "~/modules/i18n/format";
import { runReminders } from "~/modules/reminders/run.server";
import { langParam } from "~/modules/i18n/lang-param";
import { useT } from "~/modules/i18n/use-t";
import { notFound } from "~/utils/http.server";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";
import { describeError } from "~/utils/log.server";
import { pageUrl } from "~/utils/page-url";

export async function loader({ request, params }: Route.LoaderArgs) {
  const url = pageUrl(request);
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  const page = await campaignPage(params.campaignId, lang);
  if (!page) notFound();
  return {
    lang,
    ...page,
    canManage: can(current.roles, "campaigns:manage"),
    done:
      url.searchParams.get("done") ??
      (url.searchParams.get("saved") === "four-eyes" ? "four-eyes" : null),
    count: url.searchParams.get("count"),
    confirmClose: url.searchParams.get("confirm") === "close",
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "campaigns:manage");
  const form = await readFormData(request, SMALL_FORM_BYTES);
  const answer = await campaignAction(params.campaignId, form, current);
  const page = href("/:lang/staff/campaigns/:campaignId", { lang, campaignId: params.campaignId });
  if (answer.kind === "not-found") notFound();
  // The invitations go out now rather than at the next scheduled run (which sends them anyway
  // if this fails: the campaign is open and its dispatches are keyed, never sent twice).
  if (answer.kind === "redirect" && answer.opened) {
    await runReminders({ now: new Date(), campaignId: params.campaignId }).catch(
      (error: unknown) => {
        console.error(
          `Campaign ${params.campaignId} opened, invitations deferred: ${describeError(error)}`,
        );
      },
    );
  }
  if (answer.kind === "redirect") throw redirect(`${page}${answer.search}`);
  return data(answer.body, { status: answer.status });
}

export default function StaffCampaign({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT(["campaigns", "admin", "common"]);
  const navigation = useNavigation();
  const { lang, campaign, canManage, done } = loaderData;
  const page = href("/:lang/staff/campaigns/:campaignId", { lang, campaignId: campaign.id });
  const refusal = actionData && "refusal" in actionData ? actionData : null;
  const settingsAnswer = actionData && "form" in actionData && actionData.form === "settings";
  const extensionAnswer = actionData && "form" in actionData && actionData.form === "extension";
  const formErrors = actionData && "errors" in actionData ? actionData.errors : {};
  const formValues = actionData && "values" in actionData ? actionData.values : {};
  const editable = campaign.status !== "CLOSED" && canManage;
  return (
    <>
      <PageTitle
        title={campaign.title}
        hasErrors={Boolean(refusal) || Object.keys(formErrors).length > 0}
      />
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/staff/campaigns", { lang })}>{t("admin:campaigns.title")}</Link>
          </li>
        </ol>
      </nav>
      <h1>{campaign.title}</h1>
      <p id="campaign-status">
        <CampaignStatusTag status={campaign.status} />
      </p>
      {refusal ? (
        <ErrorSummaryBox focusKey={actionData}>
          <p>
            {t(`refusals.${refusal.refusal}`, {
              date: refusal.date ? formatDate(refusal.date, lang) : "",
            })}
          </p>
        </ErrorSummaryBox>
      ) : null}
      {done ? <DoneMessage done={done} count={loaderData.count} /> : null}
      <LifecyclePanel
        campaign={campaign}
        lang={lang}
        organisations={loaderData.totals.returns}
        unsent={loaderData.unsent}
        canManage={canManage}
        confirmClose={loaderData.confirmClose}
        pageUrl={page}
      />
      <nav aria-labelledby="follow-up-title" className="section">
        <h2 id="follow-up-title">{t("links.title")}</h2>
        <ul>
          <li>
            <Link
              to={href("/:lang/staff/campaigns/:campaignId/reminders", {
                lang,
                campaignId: campaign.id,
              })}
            >
              {t("links.reminders")}
            </Link>
          </li>
          <li>
            <Link
              to={href("/:lang/staff/campaigns/:campaignId/completeness", {
                lang,
                campaignId: campaign.id,
              })}
            >
              {t("links.completeness")}
            </Link>
          </li>
        </ul>
      </nav>
      <CampaignSummary data={loaderData} />

      <h2 id="settings">{t("settings.title")}</h2>
      {editable ? (
        <SettingsForm
          key={settingsAnswer ? JSON.stringify(formValues) : "saved"}
          values={settingsAnswer ? { ...loaderData.settings, ...formValues } : loaderData.settings}
          errors={settingsAnswer ? formErrors : {}}
          templates={loaderData.templates}
          locked={loaderData.locked}
        />
      ) : null}

      <h2 id="extensions">{t("extensions.title")}</h2>
      <ExtensionsPanel
        lang={lang}
        open={campaign.status === "OPEN"}
        canManage={canManage}
        campaignDueAt={campaign.dueAt}
        returns={loaderData.returns}
        extensions={loaderData.extensions}
        errors={extensionAnswer ? formErrors : {}}
        values={extensionAnswer ? formValues : {}}
      />

      <h2>{t("admin:campaigns.generation.title")}</h2>
      <GenerationPanel
        status={campaign.status}
        preview={loaderData.preview}
        totals={loaderData.totals}
        canManage={canManage}
      />

      <FourEyesPanel
        fourEyes={campaign.fourEyes}
        canManage={canManage}
        saved={done === "four-eyes"}
        busy={navigation.state === "submitting"}
      />

      <h2>{t("admin:campaigns.returnsTitle")}</h2>
      <ReturnsTable lang={lang} returns={loaderData.returns} />
    </>
  );
}

/** A count read from the address ("3" of "?count=3-12"); anything else is 0. */
const whole = (text: string | undefined) => Number.parseInt(text ?? "", 10) || 0;

function DoneMessage(props: { done: string; count: string | null }) {
  const { t } = useT(["campaigns", "admin"]);
  const [returns, sections] = (props.count ?? "").split("-");
  const messages: Record<string, string> = {
    opened: t("open.done", { returns: returns ?? "0" }),
    closed: t("close.done"),
    settings: t("settings.saved"),
    extension: t("extensions.granted"),
    withdrawn: `${t("extensions.withdrawn")} ${
      Number(props.count) > 0
        ? t("extensions.notified", { count: Number(props.count) })
        : t("extensions.notifiedNone")
    }`,
    generated: t("admin:campaigns.generatedResult", {
      returns: t("admin:campaigns.generatedCounts.returns", { count: whole(returns) }),
      sections: t("admin:campaigns.generatedCounts.sections", { count: whole(sections) }),
    }),
  };
  const message = messages[props.done];
  if (!message) return null;
  return (
    <div className="panel" role="status">
      <p>{message}</p>
    </div>
  );
}

function CampaignSummary({ data: page }: { data: Route.ComponentProps["loaderData"] }) {
  const { t } = useT(["campaigns", "admin"]);
  const { campaign, lang } = page;
  return (
    <dl className="summary-list">
      <div>
        <dt>{t("admin:campaigns.year")}</dt>
        <dd>{campaign.year}</dd>
      </div>
      <div>
        <dt>{t("admin:campaigns.template")}</dt>
        <dd>
          <Link
            to={href("/:lang/staff/templates/:templateId", {
              lang,
              templateId: campaign.templateId,
            })}
          >
            {campaign.template}
          </Link>
        </dd>
      </div>
      <div>
        <dt>{t("admin:campaigns.opens")}</dt>
        <dd>{formatDate(campaign.opensAt, lang)}</dd>
      </div>
      <div>
        <dt>{t("admin:campaigns.due")}</dt>
        <dd>{formatDate(campaign.dueAt, lang)}</dd>
      </div>
      <div>
        <dt>{t("summary.grace")}</dt>
        <dd>
          {campaign.graceDays === null
            ? t("summary.graceNone")
            : t("summary.graceDays", { count: campaign.graceDays })}
        </dd>
      </div>
      {campaign.openedAt ? (
        <div>
          <dt>{t("summary.openedAt")}</dt>
          <dd>{formatDate(campaign.openedAt, lang)}</dd>
        </div>
      ) : null}
      {campaign.closedAt ? (
        <div>
          <dt>{t("summary.closedAt")}</dt>
          <dd>{formatDate(campaign.closedAt, lang)}</dd>
        </div>
      ) : null}
    </dl>
  );
}
