import { useT } from "~/modules/i18n/use-t";
import { href, Link } from "react-router";
import type { Route } from "./+types/home";
import { PageTitle } from "~/components/ui/page-title";
import { langParam } from "~/modules/i18n/lang-param";
import { localized } from "~/modules/i18n/languages";
import { formatNumber } from "~/modules/i18n/format";
import { listPlans } from "~/modules/plan/catalogue.server";

export async function loader({ params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const plans = await listPlans();
  return { lang, plans };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t } = useT("common");
  const { lang, plans } = loaderData;
  return (
    <>
      <PageTitle title={t("home.title")} />
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      <h2>{t("home.forPartners")}</h2>
      <p>{t("home.forPartnersBody")}</p>
      <p>
        <Link to={href("/:lang/login", { lang })} className="button">
          {t("home.loginCta")}
        </Link>
      </p>
      <h2>{t("home.plansTitle")}</h2>
      <ul className="card-list">
        {plans.map((plan) => (
          <li key={plan.id} className="card">
            <h3>
              <Link to={href("/:lang/plans/:planCode", { lang, planCode: plan.code })}>
                {localized(plan, "title", lang)}
              </Link>
            </h3>
            <p>
              {t("home.planCounts", {
                themes: formatNumber(plan._count.themes, lang),
                measures: formatNumber(plan._count.measures, lang),
              })}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
