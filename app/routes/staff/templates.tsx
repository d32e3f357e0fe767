import { useT } from "~/modules/i18n/use-t";
import { href, Link } from "react-router";
import type { Route } from "./+types/templates";
import { DataTable } from "~/components/ui/data-table";
import { PageTitle } from "~/components/ui/page-title";
import { StatusTag } from "~/components/ui/tags";
import { can } from "~/modules/auth/permissions";
import { requirePermission } from "~/modules/auth/session.server";
import { formatDateTime } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { localized } from "~/modules/i18n/languages";
import { listTemplates } from "~/modules/questionnaires/templates.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  return {
    lang,
    canManage: can(current.roles, "templates:manage"),
    templates: await listTemplates(),
  };
}

function TemplateStatusTag(props: { status: "DRAFT" | "PUBLISHED" | "RETIRED" }) {
  const { t } = useT("templates");
  return <StatusTag status={props.status} label={t(`status.${props.status}`)} />;
}

export default function StaffTemplates({ loaderData }: Route.ComponentProps) {
  const { t } = useT("templates");
  const { lang, canManage, templates } = loaderData;
  return (
    <>
      <PageTitle title={t("list.title")} />
      <h1>{t("list.title")}</h1>
      <p>{t("list.intro")}</p>
      {canManage ? (
        <p>
          <Link to={href("/:lang/staff/templates/import", { lang })} className="button">
            {t("list.import")}
          </Link>
        </p>
      ) : null}
      {templates.length === 0 ? (
        <p>{t("list.empty")}</p>
      ) : (
        <DataTable
          caption={t("list.caption")}
          columns={[
            { label: t("list.columns.title") },
            { label: t("list.columns.key") },
            { label: t("list.columns.version"), numeric: true },
            { label: t("list.columns.status") },
            { label: t("list.columns.created") },
            { label: t("list.columns.published") },
            { label: t("list.columns.campaigns"), numeric: true },
          ]}
        >
          <tbody>
            {templates.map((template) => (
              <tr key={template.id}>
                <td>
                  <Link
                    to={href("/:lang/staff/templates/:templateId", {
                      lang,
                      templateId: template.id,
                    })}
                  >
                    {localized(template, "title", lang)}
                    <span className="visually-hidden">
                      {t("list.versionSuffix", { version: template.version })}
                    </span>
                  </Link>
                </td>
                <td>
                  <code>{template.key}</code>
                </td>
                <td className="numeric">{template.version}</td>
                <td>
                  <TemplateStatusTag status={template.status} />
                </td>
                <td>{formatDateTime(template.createdAt, lang)}</td>
                <td>{template.publishedAt ? formatDateTime(template.publishedAt, lang) : "–"}</td>
                <td className="numeric">{template._count.campaigns}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </>
  );
}
