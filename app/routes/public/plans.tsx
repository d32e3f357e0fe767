import { useT } from "~/modules/i18n/use-t";
import { href, Link } from "react-router";
import type { Route } from "./+types/plans";
import { PageTitle } from "~/components/ui/page-title";
import { langParam } from "~/modules/i18n/lang-param";
import { localized } from "~/modules/i18n/languages";
import { listPlans } from "~/modules/plan/catalogue.server";

export async function loader({ params }: Route.LoaderArgs) {
  return { lang: langParam(params), plans: await listPlans() };
}

export default function Plans({ loaderData }: Route.ComponentProps) {
  const { t } = useT("catalogue");
  const { lang, plans } = loaderData;
  return (
    <>
      <PageTitle title={t("plans.title")} />
      <h1>{t("plans.title")}</h1>
      <ul className="card-list">
        {plans.map((plan) => (
          <li key={plan.id} className="card">
            <h2>
              <Link to={href("/:lang/plans/:planCode", { lang, planCode: plan.code })}>
                {localized(plan, "title", lang)}
              </Link>
            </h2>
            <p>
              {t("plans.period", { start: plan.startYear, end: plan.endYear })} ·{" "}
              {t("plans.counts", { themes: plan._count.themes, measures: plan._count.measures })}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
