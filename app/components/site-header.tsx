import type { MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, NavLink, useLocation } from "react-router";
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
  const href = event.currentTarget.href;
  void flushPendingSaves().then(() => window.location.assign(href));
}

export function SiteHeader(props: {
  lang: Language;
  user: { displayName: string; isStaff: boolean; isAdmin?: boolean; isPartner: boolean } | null;
  devMailbox: boolean;
}) {
  const { t } = useTranslation("common");
  const location = useLocation();
  const other = otherLanguage(props.lang);
  const segments = location.pathname.split("/");
  // A login link's query string holds its token: never copy it into the switch.
  const onLoginConfirm = segments[2] === "login" && segments[3] === "confirm";
  const switchTarget =
    (segments[1] === "fr" || segments[1] === "nl"
      ? ["", other, ...segments.slice(2)].join("/")
      : `/${other}`) + (onLoginConfirm ? "" : location.search);
  const l = (path: string) => `/${props.lang}${path}`;
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
        <Link to={l("")} className="site-header__brand">
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
            <NavLink to={l("/plans")}>{t("nav.plan")}</NavLink>
          </li>
          {props.user?.isPartner ? (
            <li>
              <NavLink to={l("/partner")} end>
                {t("nav.partnerHome")}
              </NavLink>
            </li>
          ) : null}
          {props.user?.isStaff ? (
            <>
              <li>
                <NavLink to={l("/staff/partners")}>{t("nav.partners")}</NavLink>
              </li>
              <li>
                <NavLink to={l("/staff/campaigns")}>{t("nav.campaigns")}</NavLink>
              </li>
              <li>
                <NavLink to={l("/staff/templates")}>{t("nav.templates")}</NavLink>
              </li>
              <li>
                <NavLink to={l("/staff/outbox")}>{t("nav.outbox")}</NavLink>
              </li>
              {props.user.isAdmin ? (
                <li>
                  <NavLink to={l("/staff/users")}>{t("nav.staffUsers")}</NavLink>
                </li>
              ) : null}
            </>
          ) : null}
          {props.devMailbox ? (
            <li>
              <NavLink to={l("/dev/mailbox")}>{t("nav.devMailbox")}</NavLink>
            </li>
          ) : null}
          <li className="site-nav__account">
            {props.user ? (
              <Form method="post" action={l("/logout")} className="inline-form">
                <span className="site-nav__user">{props.user.displayName}</span>{" "}
                <button type="submit" className="link-button">
                  {t("nav.logout")}
                </button>
              </Form>
            ) : (
              <NavLink to={l("/login")}>{t("nav.login")}</NavLink>
            )}
          </li>
        </ul>
      </nav>
    </header>
  );
}
