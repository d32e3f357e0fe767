import { data, Form, href, Link, redirect } from "react-router";
import type { Route } from "./+types/return-section-measures";
import { ReturnCaption, splitLongTitle } from "~/components/return-header";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { langParam } from "~/modules/i18n/lang-param";
import { useT } from "~/modules/i18n/use-t";
import { measureOptions } from "~/modules/plan/measures.server";
import { MeasureChoices } from "~/modules/questionnaires/components/measure-choices";
import { fieldId } from "~/modules/questionnaires/form-fields";
import { chooseMeasures, findMeasureChoice } from "~/modules/returns/measure-choice.server";
import { findSectionToFill } from "~/modules/returns/sections.server";
import { sectionEditRefusal } from "~/modules/returns/status";
import { returnHeader, taskItem } from "~/modules/returns/view.server";
import { badRequest, notFound } from "~/utils/http.server";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:fill");
  const found = await findMeasureChoice(current, params.returnId, params.sectionId, params.field);
  if (!found) notFound();
  const { annualReturn, section, at, plan } = found;
  const sectionUrl = href("/:lang/partner/returns/:returnId/sections/:sectionId", {
    lang,
    returnId: annualReturn.id,
    sectionId: section.id,
  });
  // Sent, approved or closed: nothing to choose; the section page says why.
  if (sectionEditRefusal(annualReturn, annualReturn.campaign, section)) throw redirect(sectionUrl);
  const title = taskItem(section, found, lang, getFixedT(lang, "returns")).title;
  return {
    lang,
    header: returnHeader(annualReturn, lang),
    sectionTitle: splitLongTitle(title)?.short ?? title,
    sectionUrl: `${sectionUrl}#${fieldId(at.path)}`,
    field: at.field,
    id: fieldId(at.path),
    label: at.question.label[lang],
    hint: at.question.hint?.[lang] ?? null,
    multiple: at.question.multiple,
    chosen: found.chosen,
    version: section.version,
    measures: await measureOptions(plan.id, lang, plan.updatedAt),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:fill");
  const target = await findSectionToFill(current, params.returnId, params.sectionId);
  if (!target) notFound();
  const form = await readFormData(request, SMALL_FORM_BYTES);
  const result = await chooseMeasures({
    current,
    target,
    field: params.field,
    form,
    language: lang,
  });
  const section = href("/:lang/partner/returns/:returnId/sections/:sectionId", {
    lang,
    returnId: target.section.returnId,
    sectionId: target.section.id,
  });
  switch (result.outcome) {
    case "malformed":
      return badRequest();
    case "not-found":
      return notFound();
    // Sent, approved or closed meanwhile: the section page shows which.
    case "locked":
    case "closed":
    case "approved":
    case "not-sent-back":
      throw redirect(section);
    case "conflict":
      return data(result, { status: 409 });
    case "saved":
      throw redirect(`${section}#${fieldId(params.field.split("."))}`);
  }
}

export default function ReturnSectionMeasures({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("returns");
  const { lang, header, sectionTitle, sectionUrl, field, id, label, hint, multiple } = loaderData;
  const conflict = actionData?.outcome === "conflict" ? actionData : null;
  const chosen = conflict ? conflict.chosen : loaderData.chosen;
  const version = conflict ? conflict.version : loaderData.version;
  return (
    <>
      <PageTitle title={`${label} – ${sectionTitle}`} />
      <ReturnCaption header={header} lang={lang} taskList />
      {conflict ? (
        <div className="inset inset--notice" role="alert">
          <p>
            <strong>{t("measures.conflictTitle")}</strong> {t("measures.conflictBody")}
          </p>
        </div>
      ) : null}
      {/* A new conflict answer is a new form: its boxes start from the choice sent back. */}
      <Form method="post" noValidate key={`${version}:${chosen.join(",")}`}>
        <input type="hidden" name="_version" value={version} />
        <fieldset className="fieldset" aria-describedby={`${id}-hint`}>
          <legend className="fieldset__legend fieldset__legend--l">
            <span className="caption">{sectionTitle}</span>
            <h1 className="fieldset__heading">{label}</h1>
          </legend>
          <div id={`${id}-hint`} className="hint">
            {hint ? <>{hint} </> : null}
            {multiple ? t("measures.hintMany") : t("measures.hintOne")}
          </div>
          <MeasureChoices
            name={field}
            id={id}
            multiple={multiple}
            measures={loaderData.measures}
            chosen={chosen}
          />
        </fieldset>
        <div className="button-group">
          <button type="submit" className="button">
            {t("measures.save")}
          </button>
          <Link to={sectionUrl} className="button button--secondary">
            {t("measures.back")}
          </Link>
        </div>
      </Form>
    </>
  );
}
