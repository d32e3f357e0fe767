import { useT } from "~/modules/i18n/use-t";
import { Form, href, Link, redirect } from "react-router";
import type { Route } from "./+types/login-second-factor";
import { ErrorSummary } from "~/components/ui/error-summary";
import { TotpCodeField } from "~/modules/auth/components/totp-code-field";
import { PageTitle } from "~/components/ui/page-title";
import { totpCodeSchema } from "~/modules/auth/schema";
import {
  afterSecondFactor,
  requireEnrolledSecondFactor,
} from "~/modules/auth/second-factor.server";
import { withRedirectTo } from "~/modules/auth/paths";
import { verifyTotp } from "~/modules/auth/totp.server";
import { langParam } from "~/modules/i18n/lang-param";
import {
  readSecondFactorCode,
  refusedSecondFactorCode,
} from "~/modules/auth/second-factor-code.server";

// Staff, after the magic link: the code from their authenticator app opens the staff pages.

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const { redirectTo } = await requireEnrolledSecondFactor(request, lang);
  return { lang, redirectTo };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const { current } = await requireEnrolledSecondFactor(request, lang);
  const posted = await readSecondFactorCode(request, totpCodeSchema);
  if (posted.code === null) return posted.refusal;
  const result = await verifyTotp({
    userId: current.user.id,
    sessionId: current.sessionId,
    code: posted.code,
  });
  if (!result.ok) return refusedSecondFactorCode(result.reason, posted.values, "errors.codeWrong");
  return redirect(await afterSecondFactor(request, lang, current.user.id));
}

export default function SecondFactor({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("auth");
  const { lang, redirectTo } = loaderData;
  const errors = actionData?.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <>
      <PageTitle title={t("secondFactor.title")} hasErrors={hasErrors} />
      <ErrorSummary errors={errors} ns="auth" />
      <h1>{t("secondFactor.title")}</h1>
      <p>{t("secondFactor.intro")}</p>
      <Form method="post" noValidate>
        <TotpCodeField error={errors.code} typed={actionData?.values.code} />
        <button type="submit" className="button">
          {t("secondFactor.submit")}
        </button>
      </Form>
      <p>
        <Link to={withRedirectTo(href("/:lang/login/recovery", { lang }), redirectTo)}>
          {t("secondFactor.useRecovery")}
        </Link>
      </p>
      <p>{t("secondFactor.lostEverything")}</p>
    </>
  );
}
