import { data, href, Link } from "react-router";
import type { Route } from "./+types/email-preview";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { isLanguage } from "~/modules/i18n/languages";
import { langParam } from "~/modules/i18n/lang-param";
import { useT } from "~/modules/i18n/use-t";
import { renderSample } from "~/modules/reminders/email-samples.server";
import {
  isPreviewTemplate,
  isVariant,
  PREVIEW_TEMPLATES,
  REMINDER_VARIANTS,
} from "~/modules/reminders/email-templates";

// Staff preview each email in French or Dutch with sample data, rendered by the real
// templates, inside a sandboxed frame (no scripts, no same-origin access).

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "outbox:read");
  if (!isPreviewTemplate(params.template)) throw data(null, { status: 404 });
  const url = new URL(request.url);
  const requested = url.searchParams.get("lang");
  const emailLang = isLanguage(requested) ? requested : lang;
  const variantParam = url.searchParams.get("variant");
  const variant = isVariant(variantParam) ? variantParam : "before";
  const email = await renderSample(params.template, emailLang, variant);
  return {
    lang,
    template: params.template,
    emailLang,
    variant,
    subject: email.subject,
    html: email.html,
  };
}

export default function EmailPreview({ loaderData }: Route.ComponentProps) {
  const { t } = useT("reminders");
  const { lang, template, emailLang, variant, subject, html } = loaderData;
  const title = t("emails.title", { template });
  const path = (name: string, query: string) =>
    `${href("/:lang/staff/emails/:template", { lang, template: name })}?${query}`;
  return (
    <>
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p>{t("emails.intro")}</p>
      <nav aria-label={t("emails.language")}>
        <ul className="inline-list">
          {(["fr", "nl"] as const).map((l) => (
            <li key={l}>
              <Link
                to={path(template, `lang=${l}&variant=${variant}`)}
                aria-current={l === emailLang ? "page" : undefined}
                lang={l}
              >
                {l === "fr" ? "Français" : "Nederlands"}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {template === "reminder" ? (
        <ul className="inline-list">
          {REMINDER_VARIANTS.map((v) => (
            <li key={v}>
              <Link
                to={path(template, `lang=${emailLang}&variant=${v}`)}
                aria-current={v === variant ? "page" : undefined}
              >
                {v}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        {t("emails.subject")} <span lang={emailLang}>{subject}</span>
      </p>
      <iframe
        title={t("emails.frame")}
        srcDoc={html}
        sandbox=""
        style={{ width: "100%", minHeight: "36rem", border: "1px solid #b1b4b6" }}
      />
      <h2>{t("emails.others")}</h2>
      <ul>
        {PREVIEW_TEMPLATES.map((name) => (
          <li key={name}>
            <Link to={path(name, `lang=${emailLang}`)}>{name}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
