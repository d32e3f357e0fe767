import { useT } from "~/modules/i18n/use-t";
import { Form, href, Link, redirect } from "react-router";
import type { Route } from "./+types/login-recovery";
import { ErrorSummary, TextField } from "~/components/ui/error-summary";
import { PageTitle } from "~/components/ui/page-title";
import { recoveryCodeSchema } from "~/modules/auth/schema";
import {
  afterSecondFactor,
  requireEnrolledSecondFactor,
  requirePendingSecondFactor,
} from "~/modules/auth/second-factor.server";
import { withRedirectTo } from "~/modules/auth/paths";
import { verifyRecoveryCode } from "~/modules/auth/totp.server";
import { shownAsData } from "~/modules/i18n/keys";
import { langParam } from "~/modules/i18n/lang-param";
import {
  readSecondFactorCode,
  refusedSecondFactorCode,
} from "~/modules/auth/second-factor-code.server";

// Staff without their phone: one of the recovery codes shown at setup, each usable once.

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const { redirectTo } = await requireEnrolledSecondFactor(request, lang);
  return { lang, redirectTo };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const { current } = await requirePendingSecondFactor(request, lang);
  const posted = await readSecondFactorCode(request, recoveryCodeSchema);
  if (posted.code === null) return posted.refusal;
  const result = await verifyRecoveryCode({
    userId: current.user.id,
    sessionId: current.sessionId,
    code: posted.code,
  });
  if (!result.ok) {
    return refusedSecondFactorCode(result.reason, posted.values, "errors.recoveryCodeWrong");
  }
  return redirect(await afterSecondFactor(request, lang, current.user.id));
}

export default function Recovery({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("auth");
  const { lang, redirectTo } = loaderData;
  const errors = actionData?.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <>
      <PageTitle title={t("recovery.title")} hasErrors={hasErrors} />
      <ErrorSummary errors={errors} ns="auth" />
      <h1>{t("recovery.title")}</h1>
      <p>{t("recovery.intro")}</p>
      <Form method="post" noValidate>
        <TextField
          name="code"
          label={t("recovery.codeLabel")}
          hint={t("recovery.codeHint")}
          autoComplete="off"
          spellCheck={false}
          error={errors.code ? t(errors.code, shownAsData(errors.code)) : undefined}
          defaultValue={actionData?.values.code}
        />
        <button type="submit" className="button">
          {t("recovery.submit")}
        </button>
      </Form>
      <p>
        <Link to={withRedirectTo(href("/:lang/login/second-factor", { lang }), redirectTo)}>
          {t("recovery.back")}
        </Link>
      </p>
      <p>{t("secondFactor.lostEverything")}</p>
    </>
  );
}
