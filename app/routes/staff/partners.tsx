import { useT } from "~/modules/i18n/use-t";
import { Form, href, Link } from "react-router";
import type { Route } from "./+types/partners";
import { DataTable } from "~/components/ui/data-table";
import { FilterSelect } from "~/components/ui/filter-select";
import { PageTitle } from "~/components/ui/page-title";
import { can } from "~/modules/auth/permissions";
import { requirePermission } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";
import { localized } from "~/modules/i18n/languages";
import { listPartners } from "~/modules/organisations/organisations.server";
import {
  fundingChannels,
  organisationKinds,
  partnerFiltersSchema,
} from "~/modules/organisations/schema";
import { pageUrl } from "~/utils/page-url";

export async function loader({ request, params }: Route.LoaderArgs) {
  const url = pageUrl(request);
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "partners:list");
  const filters = partnerFiltersSchema.parse(Object.fromEntries(url.searchParams));
  return {
    lang,
    filters,
    partners: await listPartners(filters),
    canManage: can(current.roles, "directory:manage"),
  };
}

export default function StaffPartners({ loaderData }: Route.ComponentProps) {
  const { t } = useT("partners");
  const { t: td } = useT("directory");
  const { t: ti } = useT("imports");
  const { lang, filters, partners, canManage } = loaderData;
  return (
    <>
      <PageTitle title={t("staff.list.title")} />
      <h1>{t("staff.list.title")}</h1>
      {canManage ? (
        <p>
          <Link className="button" to={href("/:lang/staff/partners/new", { lang })}>
            {td("list.new")}
          </Link>{" "}
          <Link
            className="button button--secondary"
            to={href("/:lang/staff/partners/import", { lang })}
          >
            {ti("link")}
          </Link>
        </p>
      ) : null}
      <Form method="get" className="filters" role="search" aria-label={t("staff.list.filters")}>
        <div className="form-group">
          <label className="label" htmlFor="q">
            {t("staff.list.search")}
          </label>
          <input className="input" id="q" name="q" type="search" defaultValue={filters.q ?? ""} />
        </div>
        <FilterSelect name="kind" label={t("staff.list.kind")} defaultValue={filters.kind ?? ""}>
          <option value="">{t("staff.list.all")}</option>
          {organisationKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kinds.${kind}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          name="channel"
          label={t("staff.list.channel")}
          defaultValue={filters.channel ?? ""}
        >
          <option value="">{t("staff.list.all")}</option>
          {fundingChannels.map((channel) => (
            <option key={channel} value={channel}>
              {t(`channels.${channel}`)}
            </option>
          ))}
        </FilterSelect>
        <button type="submit" className="button button--secondary">
          {t("staff.list.apply")}
        </button>
      </Form>
      <p role="status">{t("staff.list.count", { count: partners.length })}</p>
      <DataTable
        caption={t("staff.list.title")}
        columns={[
          { label: t("staff.list.name") },
          { label: t("staff.list.kind") },
          { label: t("staff.list.identifier") },
          { label: t("staff.list.channels") },
          { label: t("staff.list.fundings"), numeric: true },
          { label: t("staff.list.contacts"), numeric: true },
          { label: td("list.state") },
        ]}
      >
        <tbody>
          {partners.map((partner) => (
            <tr key={partner.id}>
              <td>
                <Link
                  to={href("/:lang/staff/partners/:organisationId", {
                    lang,
                    organisationId: partner.id,
                  })}
                >
                  {localized(partner, "name", lang)}
                </Link>
              </td>
              <td>{t(`kinds.${partner.kind}`)}</td>
              <td>{partner.officialId ?? "–"}</td>
              <td>
                {partner.fundings.map((f) => t(`channelsShort.${f.channel}`)).join(", ") || "–"}
              </td>
              <td className="numeric">{partner._count.fundings}</td>
              <td className="numeric">{partner._count.memberships}</td>
              <td>
                {partner.archivedAt ? (
                  <strong className="tag tag--grey">{td("list.archived")}</strong>
                ) : (
                  td("list.active")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
