// One frozen edition (staff): what it is, its tables as frozen, its downloads (workbook,
// printable page), and the differences between it and the dataset now: tables whose cells
// differ, entries added and removed since the freeze. The edition itself never changes.
import { href, Link } from "react-router";
import type { Route } from "./+types/report-edition";
import { PageTitle } from "~/components/ui/page-title";
import { EditionsBreadcrumbs } from "~/modules/editions/components/editions-breadcrumbs";
import { requirePermission } from "~/modules/auth/session.server";
import { DifferencesSection } from "~/modules/editions/components/differences-section";
import { EditionFacts } from "~/modules/editions/components/edition-facts";
import { FrozenTable } from "~/modules/editions/components/frozen-table";
import { editionDifferences } from "~/modules/editions/differences.server";
import { editionInLanguage, findEdition } from "~/modules/editions/editions.server";
import { langParam } from "~/modules/i18n/lang-param";
import { useT } from "~/modules/i18n/use-t";
import { notFound } from "~/utils/http.server";
import { pageUrl } from "~/utils/page-url";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "reports:read");
  const edition = await findEdition(params.editionId);
  if (!edition) notFound();
  const differences = await editionDifferences(edition, lang);
  return {
    lang,
    justFrozen: pageUrl(request).searchParams.get("frozen") === "1",
    edition: editionInLanguage(edition, lang),
    differences,
  };
}

export default function ReportEdition({ loaderData }: Route.ComponentProps) {
  const { t } = useT(["editions", "common"]);
  const { lang, edition, differences, justFrozen } = loaderData;
  const at = { lang, editionId: edition.id };
  return (
    <>
      <PageTitle title={edition.title} />
      <EditionsBreadcrumbs lang={lang} toEditions={true} />
      <h1>{edition.title}</h1>
      {justFrozen ? (
        <div className="panel" role="status">
          <p>{t("edition.frozen", { count: edition.entryCount })}</p>
        </div>
      ) : null}
      <EditionFacts edition={edition} lang={lang} />

      <h2>{t("edition.downloads")}</h2>
      <ul>
        <li>
          <a href={href("/:lang/staff/reports/editions/:editionId.xlsx", at)} download>
            {t("edition.xlsx")}
          </a>
        </li>
        <li>
          <Link to={href("/:lang/staff/reports/editions/:editionId/print", at)}>
            {t("edition.print")}
          </Link>
        </li>
      </ul>

      <DifferencesSection lang={lang} differences={differences} />

      <h2>{t("edition.tables")}</h2>
      {edition.tables.map((table) => (
        <FrozenTable
          key={table.name}
          id={`table-${table.name}`}
          table={table}
          headingLevel={3}
          emptyText={t("edition.emptyTable")}
          rowHeading={t("edition.rowHeading")}
        />
      ))}
    </>
  );
}
