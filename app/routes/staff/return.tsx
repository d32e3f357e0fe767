import { useT } from "~/modules/i18n/use-t";
import { href, Link } from "react-router";
import type { Route } from "./+types/return";
import { ReturnAnswers } from "~/components/return-answers";
import { StatusTag } from "~/components/return-header";
import { PageTitle } from "~/components/ui/page-title";
import { DeadlineTag, sentLateMarker } from "~/components/ui/tags";
import { requirePermission } from "~/modules/auth/session.server";
import { formatDate, formatDateTime } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { findReturnForUser } from "~/modules/returns/access.server";
import { returnAnswersView } from "~/modules/returns/answers-view.server";
import { measureOptions } from "~/modules/plan/measures.server";
import { ReturnHistory } from "~/modules/returns/components/return-history";
import { returnHistory } from "~/modules/returns/history.server";
import { returnHeader } from "~/modules/returns/view.server";
import { notFound } from "~/utils/http.server";

// Staff: any return, read-only, in either UI language; answers as the partner wrote them.
export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  const loaded = await findReturnForUser(current, params.returnId);
  if (!loaded) notFound();
  return {
    lang,
    header: returnHeader(loaded, lang),
    campaignId: loaded.campaignId,
    organisationId: loaded.organisationId,
    sections: returnAnswersView(loaded, lang),
    measures: await measureOptions(loaded.campaign.planId, lang),
    history: (await returnHistory(current, loaded.id, lang)) ?? [],
  };
}

export default function StaffReturn({ loaderData }: Route.ComponentProps) {
  const { t } = useT(["admin", "returns", "common"]);
  const { lang, header, sections, measures, history, campaignId, organisationId } = loaderData;
  return (
    <>
      <PageTitle title={`${header.organisationName} – ${header.campaignTitle}`} />
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/staff/campaigns/:campaignId", { lang, campaignId })}>
              {header.campaignTitle}
            </Link>
          </li>
        </ol>
      </nav>
      <h1>{header.organisationName}</h1>
      <dl className="summary-list">
        <div>
          <dt>{t("staffReturn.status")}</dt>
          <dd>{t(`returns:returnStatus.${header.status}`)}</dd>
        </div>
        {header.submittedAt ? (
          <div>
            <dt>{t("staffReturn.submitted")}</dt>
            <dd>
              {formatDateTime(header.submittedAt, lang)} – {header.submittedBy}{" "}
              <DeadlineTag marker={sentLateMarker(header.submittedAt, header.dueAt)} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t("campaigns.due")}</dt>
          <dd>{formatDate(header.dueAt, lang)}</dd>
        </div>
        <div>
          <dt>{t("staffReturn.organisation")}</dt>
          <dd>
            <Link to={href("/:lang/staff/partners/:organisationId", { lang, organisationId })}>
              {header.organisationName}
            </Link>
          </dd>
        </div>
      </dl>
      <h2>{t("staffReturn.sections")}</h2>
      <ul className="task-list">
        {sections.map((s) => (
          <li key={s.id} className="task-list__item">
            <div className="task-list__name">
              <a href={`#h-${s.id}`}>{s.title}</a>
            </div>
            <StatusTag status={s.status} />
          </li>
        ))}
      </ul>
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
      <h2>{t("staffReturn.history")}</h2>
      <ReturnHistory entries={history} lang={lang} />
    </>
  );
}
