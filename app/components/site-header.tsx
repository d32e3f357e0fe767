import type { MouseEvent } from "react";
import { useT } from "~/modules/i18n/use-t";
import { Form, href, Link, NavLink, useLocation } from "react-router";
import { otherLanguage, type Language } from "~/modules/i18n/languages";
import { flushPendingSaves, hasPendingSaves } from "~/utils/pending-saves";

/**
 * The language switch reloads the whole page: answers typed but not saved yet are sent, and
 * their save confirmed, before it leaves, so the other language shows them.
 */
function switchAfterSaving(event: MouseEvent<HTMLAnchorElement>) {
  if (!hasPendingSaves() || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
    return;
  event.preventDefault();
  const target = event.currentTarget.href;
  void flushPendingSaves().then(() => window.location.assign(target));
}

export function SiteHeader(props: {
  lang: Language;
  user: { displayName: string; isStaff: boolean; isAdmin?: boolean; isPartner: boolean } | null;
  devMailbox: boolean;
}) {
  const { t } = useT("common");
  const location = useLocation();
  const other = otherLanguage(props.lang);
  const segments = location.pathname.split("/");
  // A login link's query string holds its token: never copy it into the switch.
  const onLoginConfirm = segments[2] === "login" && segments[3] === "confirm";
  const switchTarget =
    (segments[1] === "fr" || segments[1] === "nl"
      ? ["", other, ...segments.slice(2)].join("/")
      : href("/:lang", { lang: other })) + (onLoginConfirm ? "" : location.search);
  const at = { lang: props.lang };
  return (
    <header className="site-header">
      <a href="#main-content" className="skip-link">
        {t("nav.skipToContent")}
      </a>
      {props.devMailbox ? (
        <p className="dev-mailbox-banner" role="note">
          {t("devMailbox.banner")}
        </p>
      ) : null}
      <div className="site-header__bar page-width">
        <Link to={href("/:lang", at)} className="site-header__brand">
          <span className="site-header__logo">safe.brussels</span>
          <span className="site-header__service">{t("site.service")}</span>
        </Link>
        <Link
          to={switchTarget}
          reloadDocument
          onClick={switchAfterSaving}
          className="language-switch"
          hrefLang={other}
          lang={other}
        >
          <span className="visually-hidden">{t("nav.switchLanguageHint")} </span>
          {other === "nl" ? "Nederlands" : "Français"}
        </Link>
      </div>
      <nav aria-label={t("nav.label")} className="site-nav">
        <ul className="site-nav__list page-width">
          <li>
            <NavLink to={href("/:lang/plans", at)}>{t("nav.plan")}</NavLink>
          </li>
          {props.user?.isPartner ? (
            <li>
              <NavLink to={href("/:lang/partner", at)} end>
                {t("nav.partnerHome")}
              </NavLink>
            </li>
          ) : null}
          {props.user?.isStaff ? (
            <>
              <li>
                <NavLink to={href("/:lang/staff/review", at)}>{t("nav.reviewQueue")}</NavLink>
              </li>
              <li>
                <NavLink to={href("/:lang/staff/partners", at)}>{t("nav.partners")}</NavLink>
              </li>
              <li>
                <NavLink to={href("/:lang/staff/campaigns", at)}>{t("nav.campaigns")}</NavLink>
              </li>
              <li>
                <NavLink to={href("/:lang/staff/templates", at)}>{t("nav.templates")}</NavLink>
              </li>
              <li>
                <NavLink to={href("/:lang/staff/outbox", at)}>{t("nav.outbox")}</NavLink>
              </li>
              <li>
                <NavLink to={href("/:lang/staff/dataset", at)}>{t("nav.dataset")}</NavLink>
              </li>
              <li>
                <NavLink to={href("/:lang/staff/reports", at)}>{t("nav.reports")}</NavLink>
              </li>
              {props.user.isAdmin ? (
                <li>
                  <NavLink to={href("/:lang/staff/users", at)}>{t("nav.staffUsers")}</NavLink>
                </li>
              ) : null}
            </>
          ) : null}
          {props.devMailbox ? (
            <li>
              <NavLink to={href("/:lang/dev/mailbox", at)}>{t("nav.devMailbox")}</NavLink>
            </li>
          ) : null}
          <li className="site-nav__account">
            {props.user ? (
              <Form method="post" action={href("/:lang/logout", at)} className="inline-form">
                <span className="site-nav__user">{props.user.displayName}</span>{" "}
                <button type="submit" className="link-button">
                  {t("nav.logout")}
                </button>
              </Form>
            ) : (
              <NavLink to={href("/:lang/login", at)}>{t("nav.login")}</NavLink>
            )}
          </li>
        </ul>
      </nav>
    </header>
  );
}
