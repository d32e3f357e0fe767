import { useT } from "~/modules/i18n/use-t";
import { href, Link } from "react-router";
import { planCode } from "~/modules/plan/codes";
import { formatEuros } from "~/modules/i18n/format";
import { localized, type Language } from "~/modules/i18n/languages";
import type { FundingChannel } from "~/generated/prisma/enums";

interface FundingView {
  id: string;
  channel: FundingChannel;
  startYear: number;
  endYear: number;
  title: string;
  amountCents: number | null;
  measures: {
    link: "PRIMARY" | "SECONDARY";
    measure: { code: string; titleFr: string; titleNl: string; plan: { code: string } };
  }[];
  transversalMissions: { mission: { code: string; titleFr: string; titleNl: string } }[];
}

export function FundingList(props: {
  fundings: FundingView[];
  lang: Language;
  headingLevel: 2 | 3 | 4;
  /**
   * Funding titles are written once, in the partner's language (the organisation's preferred
   * language): marked as such on the other language's pages, for screen readers and hyphenation.
   */
  titleLang: Language;
}) {
  const { t } = useT("partners");
  const { lang } = props;
  const Heading = props.headingLevel === 2 ? "h2" : props.headingLevel === 3 ? "h3" : "h4";
  if (props.fundings.length === 0) return <p>{t("fundings.none")}</p>;
  return (
    <ul className="card-list">
      {props.fundings.map((funding) => (
        <li key={funding.id} className="card">
          <Heading
            className="card__title"
            lang={props.titleLang !== lang ? props.titleLang : undefined}
          >
            {funding.title}
          </Heading>
          <dl className="summary-list">
            <div>
              <dt>{t("fundings.channel")}</dt>
              <dd>{t(`channels.${funding.channel}`)}</dd>
            </div>
            <div>
              <dt>{t("fundings.years")}</dt>
              <dd>
                {funding.startYear === funding.endYear
                  ? funding.startYear
                  : `${funding.startYear}–${funding.endYear}`}
              </dd>
            </div>
            {funding.amountCents != null ? (
              <div>
                <dt>{t("fundings.amount")}</dt>
                <dd>{formatEuros(funding.amountCents, lang)}</dd>
              </div>
            ) : null}
          </dl>
          <p className="card__subtitle">{t("fundings.measures")}</p>
          <ul className="measure-links">
            {funding.measures.map(({ measure, link }) => (
              <li key={measure.code}>
                <Link
                  to={`${href("/:lang/plans/:planCode/themes/:themeCode", { lang, planCode: measure.plan.code, themeCode: measure.code.split(".")[0] ?? "" })}#measure-${measure.code}`}
                >
                  {measure.code}
                </Link>{" "}
                <strong className={`tag ${link === "PRIMARY" ? "tag--blue" : "tag--grey"}`}>
                  {t(`links.${link}`)}
                </strong>{" "}
                {localized(measure, "title", lang)}
              </li>
            ))}
          </ul>
          {funding.transversalMissions.length > 0 ? (
            <>
              <p className="card__subtitle">{t("fundings.missions")}</p>
              <ul>
                {funding.transversalMissions.map(({ mission }) => (
                  <li key={mission.code}>
                    {planCode(mission.code, lang)} – {localized(mission, "title", lang)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
