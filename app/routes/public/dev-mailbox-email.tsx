import { Fragment } from "react";
import { useT } from "~/modules/i18n/use-t";
import { href, Link } from "react-router";
import type { Route } from "./+types/dev-mailbox-email";
import { PageTitle } from "~/components/ui/page-title";
import { langParam } from "~/modules/i18n/lang-param";
import { getDevMailboxEmail } from "~/modules/mail/outbox-admin.server";
import { env } from "~/utils/env.server";
import { notFound } from "~/utils/http.server";
import { loopbackClientContext } from "~/utils/request-context";

// Same rule as the list (dev-mailbox.tsx): on only when configured, for this machine only.
export async function loader({ params, context }: Route.LoaderArgs) {
  const lang = langParam(params);
  if (!env.devMailboxEnabled || !context.get(loopbackClientContext)) notFound();
  const email = await getDevMailboxEmail(params.emailId);
  if (!email) notFound();
  return { lang, email };
}

/** Shows the plain-text body with its links made clickable. */
function TextWithLinks(props: { text: string }) {
  const parts = props.text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <pre className="email-body">
      {parts.map((part, index) =>
        /^https?:\/\//.test(part) ? (
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </pre>
  );
}

export default function DevMailboxEmail({ loaderData }: Route.ComponentProps) {
  const { t } = useT("common");
  const { lang, email } = loaderData;
  return (
    <>
      <PageTitle title={email.subject ?? t("devMailbox.title")} />
      <nav aria-label={t("breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/dev/mailbox", { lang })}>{t("devMailbox.title")}</Link>
          </li>
        </ol>
      </nav>
      <h1>{email.subject}</h1>
      <p>
        {t("devMailbox.to")} {email.toEmail}
      </p>
      <TextWithLinks text={email.bodyText ?? ""} />
    </>
  );
}
