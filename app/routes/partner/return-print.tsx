import { href } from "react-router";
import { useT } from "~/modules/i18n/use-t";
import type { Route } from "./+types/return-print";
import { ReturnAnswers } from "~/components/return-answers";
import { PageTitle } from "~/components/ui/page-title";
import { requireUser } from "~/modules/auth/session.server";
import { formatDate, formatDateTime } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { findReturnForUser } from "~/modules/returns/access.server";
import { returnAnswersView } from "~/modules/returns/answers-view.server";
import { measureOptions } from "~/modules/plan/measures.server";
import { returnHeader } from "~/modules/returns/view.server";
import { notFound } from "~/utils/http.server";

// A clean printable copy of a return, for the partner's records and for staff.
export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requireUser(request, lang);
  const loaded = await findReturnForUser(current, params.returnId);
  if (!loaded) notFound();
  return {
    lang,
    header: returnHeader(loaded, lang),
    sections: returnAnswersView(loaded, lang),
    measures: await measureOptions(loaded.campaign.planId, lang),
  };
}

export default function ReturnPrint({ loaderData }: Route.ComponentProps) {
  const { t } = useT("returns");
  const { lang, header, sections, measures } = loaderData;
  return (
    <div className="print-copy">
      <PageTitle title={`${header.organisationName} – ${header.campaignTitle}`} />
      <h1>{header.campaignTitle}</h1>
      <dl className="summary-list">
        <div>
          <dt>{t("print.organisation")}</dt>
          <dd>{header.organisationName}</dd>
        </div>
        <div>
          <dt>{t("print.status")}</dt>
          <dd>{t(`returnStatus.${header.status}`)}</dd>
        </div>
        {header.submittedAt ? (
          <div>
            <dt>{t("print.submitted")}</dt>
            <dd>
              {formatDateTime(header.submittedAt, lang)} – {header.submittedBy}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t("print.due")}</dt>
          <dd>{formatDate(header.dueAt, lang)}</dd>
        </div>
      </dl>
      <p className="no-print">
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t("print.print")}
        </button>
      </p>
      <ReturnAnswers
        sections={sections}
        lang={lang}
        measures={measures}
        attachmentUrl={(attachmentId) =>
          href("/:lang/partner/returns/:returnId/attachments/:attachmentId", {
            lang,
            returnId: header.id,
            attachmentId,
          })
        }
      />
    </div>
  );
}
