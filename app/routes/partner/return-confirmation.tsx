import { useT } from "~/modules/i18n/use-t";
import { href, Link, redirect } from "react-router";
import type { Route } from "./+types/return-confirmation";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { formatDateTime } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { findReturnForUser } from "~/modules/returns/access.server";
import { isSubmitted } from "~/modules/returns/status";
import { returnHeader } from "~/modules/returns/view.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:fill");
  const loaded = await findReturnForUser(current, params.returnId);
  if (!loaded || !current.organisationIds.includes(loaded.organisationId)) notFound();
  if (!isSubmitted(loaded))
    throw redirect(href("/:lang/partner/returns/:returnId", { lang, returnId: loaded.id }));
  return { lang, header: returnHeader(loaded, lang), email: current.user.email };
}

export default function ReturnConfirmation({ loaderData }: Route.ComponentProps) {
  const { t } = useT("returns");
  const { lang, header, email } = loaderData;
  return (
    <>
      <PageTitle title={t("confirmation.title")} />
      <div className="confirmation-panel">
        <h1>{t("confirmation.title")}</h1>
        <p>
          {header.organisationName}
          <br />
          {header.campaignTitle}
        </p>
      </div>
      <p>
        {t("confirmation.when", {
          when: header.submittedAt ? formatDateTime(header.submittedAt, lang) : "",
          name: header.submittedBy ?? "",
        })}
      </p>
      <p>{t("confirmation.receipt", { email })}</p>
      <h2>{t("confirmation.nextTitle")}</h2>
      <p>{t("confirmation.next")}</p>
      <p>
        <Link to={href("/:lang/partner/returns/:returnId/print", { lang, returnId: header.id })}>
          {t("confirmation.print")}
        </Link>
      </p>
      <p>
        <Link to={href("/:lang/partner", { lang })}>{t("confirmation.back")}</Link>
      </p>
    </>
  );
}
