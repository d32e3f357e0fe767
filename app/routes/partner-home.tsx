import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/partner-home";
import { FundingList } from "~/components/funding-list";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";
import { localized } from "~/modules/i18n/languages";
import { listMyOrganisations } from "~/modules/organisations/organisations.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "partner:home");
  return { lang, organisations: await listMyOrganisations(current) };
}

export default function PartnerHome({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("partners");
  const { lang, organisations } = loaderData;
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
            <Link to={`/${lang}/partner/organisations/${organisation.id}`}>
              {localized(organisation, "name", lang)}
            </Link>
          </h2>
          <p className="muted">
            {t(`kinds.${organisation.kind}`)}
            {organisation.officialId ? ` · ${organisation.officialId}` : ""}
          </p>
          <FundingList fundings={organisation.fundings} lang={lang} headingLevel={3} />
        </section>
      ))}
    </>
  );
}
