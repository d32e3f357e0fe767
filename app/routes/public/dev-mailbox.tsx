import { useT } from "~/modules/i18n/use-t";
import { href, Link } from "react-router";
import type { Route } from "./+types/dev-mailbox";
import { PageTitle } from "~/components/ui/page-title";
import { formatDateTime } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { listDevMailbox } from "~/modules/mail/outbox-admin.server";
import { env } from "~/utils/env.server";
import { notFound } from "~/utils/http.server";
import { loopbackClientContext } from "~/utils/request-context";

// Development and demo only: with no SMTP server configured, emails are kept and shown here so
// the magic-link login works out of the box. Anyone who can open this page can sign in as
// anyone: it answers only connections from this machine (env.server.ts says when it is on).
export async function loader({ params, context }: Route.LoaderArgs) {
  const lang = langParam(params);
  if (!env.devMailboxEnabled || !context.get(loopbackClientContext)) notFound();
  return { lang, emails: await listDevMailbox() };
}

export default function DevMailbox({ loaderData }: Route.ComponentProps) {
  const { t } = useT("common");
  const { lang, emails } = loaderData;
  return (
    <>
      <PageTitle title={t("devMailbox.title")} />
      <h1>{t("devMailbox.title")}</h1>
      <p className="inset">{t("devMailbox.warning")}</p>
      {emails.length === 0 ? (
        <p>{t("devMailbox.empty")}</p>
      ) : (
        <ul className="card-list">
          {emails.map((email) => (
            <li key={email.id} className="card">
              <Link to={href("/:lang/dev/mailbox/:emailId", { lang, emailId: email.id })}>
                {email.subject}
              </Link>
              <p className="muted">
                {email.toEmail} · {email.sentAt ? formatDateTime(email.sentAt, lang) : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
