import { useT } from "~/modules/i18n/use-t";
import { Link } from "react-router";
import { FundingList } from "~/components/funding-list";
import { OrganisationDetails } from "~/components/organisation-details";
import { PageTitle } from "~/components/ui/page-title";
import { type Language, localized } from "~/modules/i18n/languages";

type Organisation = Parameters<typeof OrganisationDetails>[0]["organisation"] &
  Record<string, unknown> & {
    fundings: Parameters<typeof FundingList>[0]["fundings"];
    preferredLanguage: Parameters<typeof FundingList>[0]["titleLang"];
  };

/**
 * An organisation's details and fundings, as its own members and as staff see them: only the
 * way back (the breadcrumb) differs between the two audiences.
 */
export function OrganisationPage(props: {
  lang: Language;
  organisation: Organisation;
  back: { to: string; label: string };
  /** A form further down the page has errors: the title says so. */
  hasErrors?: boolean;
}) {
  const { t } = useT("partners");
  const { lang, organisation } = props;
  const name = localized(organisation, "name", lang);
  return (
    <>
      <PageTitle title={name} hasErrors={props.hasErrors} />
      <nav aria-label={t("breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={props.back.to}>{props.back.label}</Link>
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
