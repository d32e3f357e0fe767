import { useT } from "~/modules/i18n/use-t";
import { href, Link, redirect } from "react-router";
import type { Route } from "./+types/template-preview";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";
import { SectionForm } from "~/modules/questionnaires/components/section-form";
import { loadSectionPreview } from "~/modules/questionnaires/templates-admin.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "return:read-any");
  const preview = await loadSectionPreview(params.templateId, params.sectionId, lang);
  if (!preview) notFound();
  return { lang, ...preview };
}

/**
 * The preview form has no save buttons, but a browser may still submit it (Enter in a field).
 * Nothing is ever saved: the page is shown again.
 */
export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "return:read-any");
  // The body is not read: server.js discards it once the redirect is sent (cancelling it here
  // would reset the connection before the browser reads the answer).
  throw redirect(
    href("/:lang/staff/templates/:templateId/preview/:sectionId", {
      lang,
      templateId: encodeURIComponent(params.templateId),
      sectionId: encodeURIComponent(params.sectionId),
    }),
  );
}

export default function StaffTemplatePreview({ loaderData }: Route.ComponentProps) {
  const { t } = useT(["templates", "common"]);
  const { lang, template, section, measures } = loaderData;
  const title = section.title[lang];
  const templateTitle = t("detail.title", {
    title: template.title[lang],
    version: template.version,
  });
  return (
    <>
      <PageTitle title={t("preview.title", { title })} />
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/staff/templates", { lang })}>{t("list.title")}</Link>
          </li>
          <li>
            <Link
              to={href("/:lang/staff/templates/:templateId", { lang, templateId: template.id })}
            >
              {templateTitle}
            </Link>
          </li>
        </ol>
      </nav>
      <div className="panel">
        <p>
          <strong>{t("preview.bannerTitle")}</strong> {t("preview.bannerBody")}
        </p>
      </div>
      <p className="lead">{templateTitle}</p>
      <h1>{title}</h1>
      <dl className="summary-list">
        <div>
          <dt>{t("detail.sections.repeat")}</dt>
          <dd>{t(`repeat.${section.repeat}`)}</dd>
        </div>
      </dl>
      {section.prefill ? <p>{t("preview.prefill")}</p> : null}
      {section.description ? <p>{section.description[lang]}</p> : null}
      <SectionForm
        lang={lang}
        questions={section.questions}
        raw={{}}
        version={0}
        errors={{}}
        measures={measures}
        attachments={[]}
        attachmentUrl={() => "#"}
        preview
      />
      <p>
        <Link to={href("/:lang/staff/templates/:templateId", { lang, templateId: template.id })}>
          {t("preview.back")}
        </Link>
      </p>
    </>
  );
}
