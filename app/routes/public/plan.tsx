import { useT } from "~/modules/i18n/use-t";
import { href, Link } from "react-router";
import type { Route } from "./+types/plan";
import { PageTitle } from "~/components/ui/page-title";
import { planCode } from "~/modules/plan/codes";
import { WorkingTranslationTag } from "~/components/ui/tags";
import { langParam } from "~/modules/i18n/lang-param";
import { localized } from "~/modules/i18n/languages";
import { getPlanCatalogue } from "~/modules/plan/catalogue.server";
import { notFound } from "~/utils/http.server";

export async function loader({ params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const plan = await getPlanCatalogue(params.planCode);
  if (!plan) notFound();
  return { lang, plan };
}

export default function PlanPage({ loaderData }: Route.ComponentProps) {
  const { t } = useT("catalogue");
  const { lang, plan } = loaderData;
  const working = lang === "nl" && plan.nlWorkingTranslation;
  const groups = [
    { key: "strategicObjectives", items: plan.strategicObjectives },
    { key: "actionPrinciples", items: plan.actionPrinciples },
    { key: "transversalMissions", items: plan.transversalMissions },
  ] as const;
  return (
    <>
      <PageTitle title={localized(plan, "title", lang)} />
      <nav aria-label={t("breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/plans", { lang })}>{t("plans.title")}</Link>
          </li>
        </ol>
      </nav>
      <h1>{localized(plan, "title", lang)}</h1>
      {working ? <p className="inset">{t("workingTranslationNotice")}</p> : null}
      <h2>{t("themes.title")}</h2>
      <ol className="theme-list">
        {plan.themes.map((theme) => (
          <li key={theme.id}>
            <Link
              to={href("/:lang/plans/:planCode/themes/:themeCode", {
                lang,
                planCode: plan.code,
                themeCode: theme.code,
              })}
            >
              {t("themes.label", { code: theme.code })} – {localized(theme, "title", lang)}
            </Link>{" "}
            <span className="muted">
              {t("themes.measureCount", { count: theme._count.measures })}
            </span>
          </li>
        ))}
      </ol>
      {groups.map((group) =>
        group.items.length > 0 ? (
          <section key={group.key} aria-labelledby={`h-${group.key}`}>
            <h2 id={`h-${group.key}`}>{t(`reference.${group.key}`)}</h2>
            <ul>
              {group.items.map((item) => (
                <li key={item.id}>
                  <strong>{planCode(item.code, lang)}</strong> – {localized(item, "title", lang)}{" "}
                  <WorkingTranslationTag show={working} />
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
    </>
  );
}
