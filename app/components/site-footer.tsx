import { useT } from "~/modules/i18n/use-t";
import { href, Link } from "react-router";
import type { Language } from "~/modules/i18n/languages";

export function SiteFooter(props: { lang: Language }) {
  const { t } = useT("common");
  return (
    <footer className="site-footer">
      <div className="page-width">
        <ul className="site-footer__links">
          <li>
            <Link to={href("/:lang/accessibility", { lang: props.lang })}>
              {t("footer.accessibility")}
            </Link>
          </li>
        </ul>
        <p>{t("footer.agency")}</p>
      </div>
    </footer>
  );
}
