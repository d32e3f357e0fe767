// The head of every staff form about one partner (edit it, add or edit a contact or a funding):
// the page title (with "Error:" when the form has errors), a breadcrumb back to the partner and
// the heading.
import { href, Link } from "react-router";
import { PageTitle } from "~/components/ui/page-title";
import type { Language } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";

export function PartnerFormHeading(props: {
  lang: Language;
  organisation: { id: string };
  /** The partner's name in the page's language (the breadcrumb). */
  name: string;
  title: string;
  hasErrors: boolean;
}) {
  const { t } = useT("directory");
  const { lang, organisation } = props;
  return (
    <>
      <PageTitle title={props.title} hasErrors={props.hasErrors} />
      <nav aria-label={t("breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link
              to={href("/:lang/staff/partners/:organisationId", {
                lang,
                organisationId: organisation.id,
              })}
            >
              {props.name}
            </Link>
          </li>
        </ol>
      </nav>
      <h1>{props.title}</h1>
    </>
  );
}
