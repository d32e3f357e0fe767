// The editions pages' trail: the report tables, then (below the list) the editions.
import { href, Link } from "react-router";
import type { Language } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";

export function EditionsBreadcrumbs(props: { lang: Language; toEditions: boolean }) {
  const { t } = useT(["editions", "common"]);
  const { lang } = props;
  return (
    <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
      <ol>
        <li>
          <Link to={href("/:lang/staff/reports", { lang })}>{t("breadcrumbs.reports")}</Link>
        </li>
        {props.toEditions ? (
          <li>
            <Link to={href("/:lang/staff/reports/editions", { lang })}>
              {t("breadcrumbs.editions")}
            </Link>
          </li>
        ) : null}
      </ol>
    </nav>
  );
}
