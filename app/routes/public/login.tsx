import { useState } from "react";
import { useT } from "~/modules/i18n/use-t";
import { data, Form, href, redirect } from "react-router";
import type { Route } from "./+types/login";
import { ErrorSummary, TextField } from "~/components/ui/error-summary";
import { PageTitle } from "~/components/ui/page-title";
import { SubmitButton } from "~/components/ui/submit-button";
import { LOGIN_TOKEN_MINUTES } from "~/modules/auth/cookies.server";
import { requestLoginLink } from "~/modules/auth/magic-link.server";
import { loginRequestSchema } from "~/modules/auth/schema";
import { getCurrentUser, secondFactorPath } from "~/modules/auth/session.server";
import { shownAsData, type Key } from "~/modules/i18n/keys";
import { langParam } from "~/modules/i18n/lang-param";
import { env } from "~/utils/env.server";
import { safeRedirectPath } from "~/utils/http.server";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";
import { clientIpContext } from "~/utils/request-context";
import { fieldErrors } from "~/utils/zod-errors";
import { pageUrl } from "~/utils/page-url";

export async function loader({ request, params }: Route.LoaderArgs) {
  const url = pageUrl(request);
  const lang = langParam(params);
  const redirectTo = safeRedirectPath(url.searchParams.get("redirectTo"), "");
  const current = await getCurrentUser(request);
  if (current?.secondFactorPending) throw redirect(secondFactorPath(lang, redirectTo || null));
  if (current) throw redirect(redirectTo || href("/:lang", { lang }));
  return {
    lang,
    sent: url.searchParams.get("sent") === "1",
    redirectTo,
    minutes: LOGIN_TOKEN_MINUTES,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const lang = langParam(params);
  const form = await readFormData(request, SMALL_FORM_BYTES);
  const values = {
    email: String(form.get("email") ?? ""),
    redirectTo: String(form.get("redirectTo") ?? ""),
  };
  const parsed = loginRequestSchema.safeParse(values);
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  }
  const outcome = await requestLoginLink({
    email: parsed.data.email,
    lang,
    clientIp: context.get(clientIpContext),
    // Links in emails come from configuration only, never from the request's Host header.
    baseUrl: env.publicUrl,
    redirectTo: parsed.data.redirectTo,
  });
  if (outcome === "rate-limited") {
    return data(
      { errors: { email: "errors.rateLimited" satisfies Key<"auth"> }, values },
      { status: 429 },
    );
  }
  return redirect(`${href("/:lang/login", { lang })}?sent=1`);
}

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("auth");
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors = { ...(actionData?.errors ?? {}), ...clientErrors };
  const hasErrors = Object.keys(errors).length > 0;

  if (loaderData.sent) {
    return (
      <>
        <PageTitle title={t("sent.title")} />
        <h1>{t("sent.title")}</h1>
        <div role="status" className="panel">
          <p>{t("sent.body", { minutes: loaderData.minutes })}</p>
        </div>
        <p>{t("sent.notReceived")}</p>
        <p>
          <a href={href("/:lang/login", { lang: loaderData.lang })}>{t("sent.tryAgain")}</a>
        </p>
      </>
    );
  }

  return (
    <>
      <PageTitle title={t("login.title")} hasErrors={hasErrors} />
      <ErrorSummary errors={errors} ns="auth" />
      <h1>{t("login.title")}</h1>
      <p>{t("login.intro")}</p>
      <Form
        method="post"
        noValidate
        onSubmit={(event) => {
          // Same schema as the action: instant feedback, identical messages.
          const form = new FormData(event.currentTarget);
          const result = loginRequestSchema.safeParse({
            email: String(form.get("email") ?? ""),
            redirectTo: String(form.get("redirectTo") ?? ""),
          });
          if (!result.success) {
            event.preventDefault();
            setClientErrors(fieldErrors(result.error));
          } else {
            setClientErrors({});
          }
        }}
      >
        <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
        <TextField
          name="email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          label={t("login.emailLabel")}
          hint={t("login.emailHint")}
          error={errors.email ? t(errors.email, shownAsData(errors.email)) : undefined}
          defaultValue={actionData?.values.email}
        />
        <SubmitButton label={t("login.submit")} pendingLabel={t("login.sending")} />
      </Form>
    </>
  );
}
