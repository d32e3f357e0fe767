import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/login-confirm";
import { PageTitle } from "~/components/ui/page-title";
import { confirmLogin, inspectLoginToken } from "~/modules/auth/magic-link.server";
import { landingPath } from "~/modules/auth/landing.server";
import { secondFactorPath, sessionCookieHeader } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";

// Mail scanners open links before people do: the GET only shows a button; the POST logs in.

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const state = await inspectLoginToken(token);
  return { lang, state, token: state === "valid" ? token : "" };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const form = await request.formData();
  const result = await confirmLogin(form.get("token"));
  if (!result.ok) return { lang, state: result.reason, token: "" };
  const landing = result.redirectTo ?? (await landingPath(result.userId, lang));
  const target = result.secondFactorRequired ? secondFactorPath(lang, landing) : landing;
  return redirect(target, { headers: { "Set-Cookie": sessionCookieHeader(result.sessionSecret) } });
}

export default function LoginConfirm({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const { lang } = loaderData;
  const state = actionData?.state ?? loaderData.state;
  if (state !== "valid") {
    return (
      <>
        <PageTitle title={t(`confirm.${state}.title`)} />
        <h1>{t(`confirm.${state}.title`)}</h1>
        <p>{t(`confirm.${state}.body`)}</p>
        <p>
          <Link to={`/${lang}/login`} className="button">
            {t("confirm.requestNew")}
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageTitle title={t("confirm.title")} />
      <h1>{t("confirm.title")}</h1>
      <p>{t("confirm.body")}</p>
      <Form method="post">
        <input type="hidden" name="token" value={loaderData.token} />
        <button type="submit" className="button">
          {t("confirm.submit")}
        </button>
      </Form>
    </>
  );
}
