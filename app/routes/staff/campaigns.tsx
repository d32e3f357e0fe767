import { useT } from "~/modules/i18n/use-t";
import { href, Link } from "react-router";
import type { Route } from "./+types/campaigns";
import { DataTable } from "~/components/ui/data-table";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { listCampaigns } from "~/modules/campaigns/campaigns.server";
import { CampaignStatusTag } from "~/modules/campaigns/components/lifecycle-panel";
import { can } from "~/modules/auth/permissions";
import { formatDate } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { localized } from "~/modules/i18n/languages";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  return {
    lang,
    campaigns: await listCampaigns(),
    canManage: can(current.roles, "campaigns:manage"),
  };
}

export default function StaffCampaigns({ loaderData }: Route.ComponentProps) {
  const { t } = useT("admin");
  const { lang, campaigns, canManage } = loaderData;
  return (
    <>
      <PageTitle title={t("campaigns.title")} />
      <h1>{t("campaigns.title")}</h1>
      {canManage ? (
        <p>
          <Link to={href("/:lang/staff/campaigns/new", { lang })} className="button">
            {t("campaigns.new")}
          </Link>
        </p>
      ) : null}
      <DataTable
        caption={t("campaigns.title")}
        columns={[
          { label: t("campaigns.campaign") },
          { label: t("campaigns.template") },
          { label: t("campaigns.due") },
          { label: t("campaigns.status") },
          { label: t("campaigns.returns"), numeric: true },
          { label: t("campaigns.submitted"), numeric: true },
        ]}
      >
        <tbody>
          {campaigns.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={href("/:lang/staff/campaigns/:campaignId", { lang, campaignId: c.id })}>
                  {localized(c, "title", lang)}
                </Link>
              </td>
              <td>
                {c.template.key} v{c.template.version}
              </td>
              <td>{formatDate(c.dueAt, lang)}</td>
              <td>
                <CampaignStatusTag status={c.status} />
              </td>
              <td className="numeric">{c.counts.total}</td>
              <td className="numeric">{c.counts.submitted}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
