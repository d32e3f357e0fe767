import { useTranslation } from "react-i18next";
import { href, Link } from "react-router";
import type { Route } from "./+types/organisation";
import { FundingList } from "~/components/funding-list";
import { OrganisationDetails } from "~/components/organisation-details";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";
import { localized } from "~/modules/i18n/languages";
import { findOrganisationForUser } from "~/modules/organisations/organisations.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "organisation:read-own");
  // Scoped query: another organisation's id simply isn't found.
  const organisation = current.organisationIds.includes(params.organisationId)
    ? await findOrganisationForUser(current, params.organisationId)
    : null;
  if (!organisation) notFound();
  return { lang, organisation };
}

export default function PartnerOrganisation({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("partners");
  const { lang, organisation } = loaderData;
  const name = localized(organisation, "name", lang);
  return (
    <>
      <PageTitle title={name} />
      <nav aria-label={t("breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/partner", { lang })}>{t("home.title")}</Link>
          </li>
        </ol>
      </nav>
      <h1>{name}</h1>
      <OrganisationDetails lang={lang} organisation={organisation} />
      <h2>{t("fundings.title")}</h2>
      <FundingList
        fundings={organisation.fundings}
        lang={lang}
        titleLang={organisation.preferredLanguage}
        headingLevel={3}
      />
    </>
  );
}
