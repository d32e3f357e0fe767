import { useT } from "~/modules/i18n/use-t";
import { Form, href, Link, redirect } from "react-router";
import type { Route } from "./+types/login-second-factor-setup";
import { ErrorSummary } from "~/components/ui/error-summary";
import { TotpCodeField } from "~/modules/auth/components/totp-code-field";
import { PageTitle } from "~/components/ui/page-title";
import { totpCodeSchema } from "~/modules/auth/schema";
import { afterSecondFactor, requirePendingSecondFactor } from "~/modules/auth/second-factor.server";
import { withRedirectTo } from "~/modules/auth/paths";
import { getCurrentUser } from "~/modules/auth/session.server";
import { beginTotpSetup, confirmTotpSetup } from "~/modules/auth/totp.server";
import { langParam } from "~/modules/i18n/lang-param";
import {
  readSecondFactorCode,
  refusedSecondFactorCode,
} from "~/modules/auth/second-factor-code.server";

// First staff login: scan the QR code (or type the secret), prove it with a first code, and
// note the recovery codes, shown this once (only their hashes are kept).

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await getCurrentUser(request);
  // Right after a successful setup this loader runs again (revalidation, or the no-JS POST's
  // page): the session is complete, and the page must still show the recovery codes.
  if (current && !current.secondFactorPending && current.user.totpEnabledAt) {
    return {
      lang,
      done: true as const,
      continueTo: await afterSecondFactor(request, lang, current.user.id),
    };
  }
  const {
    redirectTo,
    totpEnabled,
    current: pending,
  } = await requirePendingSecondFactor(request, lang);
  if (totpEnabled)
    throw redirect(withRedirectTo(href("/:lang/login/second-factor", { lang }), redirectTo));
  const setup = await beginTotpSetup(pending.user.id);
  if (!setup)
    throw redirect(withRedirectTo(href("/:lang/login/second-factor", { lang }), redirectTo));
  return { lang, done: false as const, secret: setup.secret, qrSvg: setup.qrSvg };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const { current, totpEnabled, redirectTo } = await requirePendingSecondFactor(request, lang);
  if (totpEnabled)
    throw redirect(withRedirectTo(href("/:lang/login/second-factor", { lang }), redirectTo));
  const posted = await readSecondFactorCode(request, totpCodeSchema);
  if (posted.code === null) return posted.refusal;
  const result = await confirmTotpSetup({
    userId: current.user.id,
    sessionId: current.sessionId,
    code: posted.code,
  });
  if (!result.ok) {
    if (result.reason === "already-enabled") {
      throw redirect(withRedirectTo(href("/:lang/login/second-factor", { lang }), redirectTo));
    }
    return refusedSecondFactorCode(result.reason, posted.values, "errors.codeWrong");
  }
  return {
    recoveryCodes: result.recoveryCodes,
    continueTo: await afterSecondFactor(request, lang, current.user.id),
  };
}

export default function SecondFactorSetup({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("auth");

  if (actionData && "recoveryCodes" in actionData) {
    return (
      <>
        <PageTitle title={t("secondFactorSetup.codesTitle")} />
        <h1>{t("secondFactorSetup.codesTitle")}</h1>
        <div role="status" className="panel">
          <p>{t("secondFactorSetup.codesIntro")}</p>
        </div>
        <ul className="recovery-codes" aria-label={t("secondFactorSetup.codesListLabel")}>
          {actionData.recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p>
          <Link to={actionData.continueTo} className="button">
            {t("secondFactorSetup.continue")}
          </Link>
        </p>
      </>
    );
  }

  if (loaderData.done) {
    return (
      <>
        <PageTitle title={t("secondFactorSetup.doneTitle")} />
        <h1>{t("secondFactorSetup.doneTitle")}</h1>
        <p>{t("secondFactorSetup.doneBody")}</p>
        <p>
          <Link to={loaderData.continueTo} className="button">
            {t("secondFactorSetup.continue")}
          </Link>
        </p>
      </>
    );
  }

  const errors = actionData?.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <>
      <PageTitle title={t("secondFactorSetup.title")} hasErrors={hasErrors} />
      <ErrorSummary errors={errors} ns="auth" />
      <h1>{t("secondFactorSetup.title")}</h1>
      <p>{t("secondFactorSetup.intro")}</p>
      <h2>{t("secondFactorSetup.step1")}</h2>
      {/* Our own SVG markup (from the qrcode library), not user text. */}
      <div
        className="qr-code"
        role="img"
        aria-label={t("secondFactorSetup.qrLabel")}
        dangerouslySetInnerHTML={{ __html: loaderData.qrSvg }}
      />
      <p>{t("secondFactorSetup.manual")}</p>
      <p>
        <code className="totp-secret">{loaderData.secret.replace(/(.{4})(?=.)/g, "$1 ")}</code>
      </p>
      <h2>{t("secondFactorSetup.step2")}</h2>
      <Form method="post" noValidate>
        <TotpCodeField error={errors.code} typed={actionData?.values.code} />
        <button type="submit" className="button">
          {t("secondFactorSetup.submit")}
        </button>
      </Form>
    </>
  );
}
