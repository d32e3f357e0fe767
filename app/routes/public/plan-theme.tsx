import { useT } from "~/modules/i18n/use-t";
import { href, Link } from "react-router";
import type { Route } from "./+types/plan-theme";
import { PageTitle } from "~/components/ui/page-title";
import { ToVerifyTag, WorkingTranslationTag } from "~/components/ui/tags";
import { langParam } from "~/modules/i18n/lang-param";
import { localized } from "~/modules/i18n/languages";
import { getThemeWithMeasures } from "~/modules/plan/catalogue.server";
import { notFound } from "~/utils/http.server";

export async function loader({ params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const theme = await getThemeWithMeasures(params.planCode, params.themeCode);
  if (!theme) notFound();
  return { lang, theme };
}

export default function PlanTheme({ loaderData }: Route.ComponentProps) {
  const { t } = useT("catalogue");
  const { lang, theme } = loaderData;
  const title = `${t("themes.label", { code: theme.code })} – ${localized(theme, "title", lang)}`;
  return (
    <>
      <PageTitle title={title} />
      <nav aria-label={t("breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/plans", { lang })}>{t("plans.title")}</Link>
          </li>
          <li>
            <Link to={href("/:lang/plans/:planCode", { lang, planCode: theme.plan.code })}>
              {localized(theme.plan, "title", lang)}
            </Link>
          </li>
        </ol>
      </nav>
      <h1>{title}</h1>
      <p>{t("themes.measureCount", { count: theme.measures.length })}</p>
      <ol className="measure-list">
        {theme.measures.map((measure) => (
          <li key={measure.id} id={`measure-${measure.code}`}>
            <h2 className="measure-list__code">
              {t("measures.label", { code: measure.code })}{" "}
              <ToVerifyTag show={measure.textToVerify} />
              <WorkingTranslationTag show={lang === "nl" && measure.nlWorkingTranslation} />
            </h2>
            <p>{localized(measure, "title", lang)}</p>
          </li>
        ))}
      </ol>
    </>
  );
}
