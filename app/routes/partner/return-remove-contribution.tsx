import { useT } from "~/modules/i18n/use-t";
import { Form, href, Link, redirect } from "react-router";
import type { Route } from "./+types/return-remove-contribution";
import { ReturnCaption } from "~/components/return-header";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { langParam } from "~/modules/i18n/lang-param";
import { findReturnForUser } from "~/modules/returns/access.server";
import { removeOtherContribution } from "~/modules/returns/sections.server";
import { contributionsRefusal } from "~/modules/returns/status";
import { sectionTitle } from "~/modules/returns/titles";
import { returnHeader } from "~/modules/returns/view.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:fill");
  const loaded = await findReturnForUser(current, params.returnId);
  const section = loaded?.sections.find(
    (s) => s.id === params.sectionId && s.kind === "OTHER_CONTRIBUTION",
  );
  if (!loaded || !section || !current.organisationIds.includes(loaded.organisationId)) notFound();
  // Sent, closed, or sent back for changes (its sections stay as reviewed): the task list says why.
  if (contributionsRefusal(loaded, loaded.campaign))
    throw redirect(href("/:lang/partner/returns/:returnId", { lang, returnId: loaded.id }));
  return {
    lang,
    header: returnHeader(loaded, lang),
    title: sectionTitle(section, loaded.definition, lang, getFixedT(lang, "returns")),
    sectionId: section.id,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:fill");
  const result = await removeOtherContribution({
    current,
    returnId: params.returnId,
    sectionId: params.sectionId,
  });
  if (result.outcome === "not-found") notFound();
  // Refused (sent or closed): nothing was removed; the task list says why.
  throw redirect(href("/:lang/partner/returns/:returnId", { lang, returnId: params.returnId }));
}

export default function RemoveContribution({ loaderData }: Route.ComponentProps) {
  const { t } = useT("returns");
  const { lang, header, title, sectionId } = loaderData;
  return (
    <>
      <PageTitle title={t("removeContribution.title")} />
      <ReturnCaption header={header} lang={lang} taskList />
      <h1>{t("removeContribution.title")}</h1>
      <p>{t("removeContribution.body", { title })}</p>
      <Form method="post" className="button-group">
        <button type="submit" className="button button--warning">
          {t("removeContribution.confirm")}
        </button>
        <Link
          to={href("/:lang/partner/returns/:returnId/sections/:sectionId", {
            lang,
            returnId: header.id,
            sectionId,
          })}
          className="button button--secondary"
        >
          {t("removeContribution.cancel")}
        </Link>
      </Form>
    </>
  );
}
