import { useT } from "~/modules/i18n/use-t";
import { href, Link } from "react-router";
import type { Route } from "./+types/home";
import { FundingList } from "~/components/funding-list";
import { DeadlineTag, StatusTag } from "~/components/ui/tags";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";
import { localized } from "~/modules/i18n/languages";
import { listMyOrganisations } from "~/modules/organisations/organisations.server";
import { listReturnsForOrganisations } from "~/modules/returns/access.server";
import { deadlineMarker, dueDateOf, isSubmitted } from "~/modules/returns/status";
import { formatDate } from "~/modules/i18n/format";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "partner:home");
  const [organisations, returns] = await Promise.all([
    listMyOrganisations(current),
    listReturnsForOrganisations(current.organisationIds),
  ]);
  return {
    lang,
    organisations,
    returns: returns.map((r) => ({
      id: r.id,
      organisationId: r.organisationId,
      year: r.campaign.year,
      title: lang === "nl" ? r.campaign.titleNl : r.campaign.titleFr,
      // The date that applies to this partner: its extension's, if any.
      dueAt: dueDateOf(r, r.campaign),
      extended: r.extendedDueAt !== null,
      status: r.status,
      marker: deadlineMarker(r, r.campaign),
      completed: r.sections.filter((s) => s.status === "COMPLETED").length,
      total: r.sections.length,
    })),
  };
}

export default function PartnerHome({ loaderData }: Route.ComponentProps) {
  const { t } = useT(["partners", "returns"]);
  const { lang, organisations, returns } = loaderData;
  return (
    <>
      <PageTitle title={t("home.title")} />
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      {organisations.map((organisation) => (
        <section
          key={organisation.id}
          aria-labelledby={`org-${organisation.id}`}
          className="section"
        >
          <h2 id={`org-${organisation.id}`}>
            <Link
              to={href("/:lang/partner/organisations/:organisationId", {
                lang,
                organisationId: organisation.id,
              })}
            >
              {localized(organisation, "name", lang)}
            </Link>
          </h2>
          <p className="muted">
            {t(`kinds.${organisation.kind}`)}
            {organisation.officialId ? ` · ${organisation.officialId}` : ""}
          </p>
          <h3>{t("returns:home.title")}</h3>
          {returns.filter((r) => r.organisationId === organisation.id).length === 0 ? (
            <p>{t("returns:home.none")}</p>
          ) : (
            <ul className="card-list">
              {returns
                .filter((r) => r.organisationId === organisation.id)
                .map((r) => (
                  <li key={r.id} className="card">
                    <h4 className="card__title">
                      <a href={href("/:lang/partner/returns/:returnId", { lang, returnId: r.id })}>
                        {r.title}
                      </a>{" "}
                      <StatusTag status={r.status} label={t(`returns:returnStatus.${r.status}`)} />{" "}
                      <DeadlineTag marker={r.marker} />
                    </h4>
                    <p className="muted">
                      {isSubmitted(r)
                        ? t("returns:home.progress", { completed: r.completed, total: r.total })
                        : `${t(r.extended ? "returns:home.dueExtended" : "returns:home.due", { date: formatDate(r.dueAt, lang) })} · ${t("returns:home.progress", { completed: r.completed, total: r.total })}`}
                    </p>
                  </li>
                ))}
            </ul>
          )}
          <h3>{t("fundings.title")}</h3>
          <FundingList
            fundings={organisation.fundings}
            lang={lang}
            titleLang={organisation.preferredLanguage}
            headingLevel={4}
          />
        </section>
      ))}
    </>
  );
}
