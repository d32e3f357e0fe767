// A frozen edition as a printable page, in the language of its URL: the edition's title and
// facts, then every frozen table as an HTML table (the site's print styles hide the header,
// footer and buttons; the tables print whole, see print.css). Nothing of the live dataset.
import { href, Link } from "react-router";
import type { Route } from "./+types/report-edition-print";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { EditionFacts } from "~/modules/editions/components/edition-facts";
import { FrozenTable } from "~/modules/editions/components/frozen-table";
import { PrintButton } from "~/modules/editions/components/print-button";
import { editionInLanguage, findEdition } from "~/modules/editions/editions.server";
import printStyles from "~/modules/editions/print.css?url";
import { langParam } from "~/modules/i18n/lang-param";
import { useT } from "~/modules/i18n/use-t";
import { notFound } from "~/utils/http.server";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: printStyles }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "reports:read");
  const edition = await findEdition(params.editionId);
  if (!edition) notFound();
  return {
    lang,
    edition: editionInLanguage(edition, lang),
  };
}

export default function ReportEditionPrint({ loaderData }: Route.ComponentProps) {
  const { t } = useT("editions");
  const { lang, edition } = loaderData;
  return (
    <div className="edition-print">
      <PageTitle title={t("print.title", { title: edition.title })} />
      <p className="no-print">
        <Link
          to={href("/:lang/staff/reports/editions/:editionId", { lang, editionId: edition.id })}
        >
          {t("print.back")}
        </Link>
      </p>
      <h1>{edition.title}</h1>
      <EditionFacts edition={edition} lang={lang} />
      <PrintButton label={t("print.printButton")} />
      {edition.tables.map((table) => (
        <FrozenTable
          key={table.name}
          id={`table-${table.name}`}
          table={table}
          emptyText={t("edition.emptyTable")}
          rowHeading={t("edition.rowHeading")}
        />
      ))}
    </div>
  );
}
