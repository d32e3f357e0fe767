import { useT } from "~/modules/i18n/use-t";
import { Link } from "react-router";
import type { Language } from "~/modules/i18n/languages";
import { AnswerSummary } from "~/modules/questionnaires/components/answer-summary";
import type { MeasureOption } from "~/modules/questionnaires/components/complex-fields";
import type { SectionAnswersView } from "~/modules/returns/answers-view.server";

/** All answers of a return, section by section (check your answers, print, staff view). */
export function ReturnAnswers(props: {
  sections: SectionAnswersView[];
  lang: Language;
  measures: readonly MeasureOption[];
  attachmentUrl: (id: string) => string;
  /** Where to change a section; null for a section the partner may not change now. */
  changeUrl?: (sectionId: string) => string | null;
}) {
  const { t } = useT("returns");
  return (
    <>
      {props.sections.map((section) => {
        const changeUrl = props.changeUrl?.(section.id) ?? null;
        return (
          <section key={section.id} className="answers-section" aria-labelledby={`h-${section.id}`}>
            <div className="answers-section__header">
              <h2 id={`h-${section.id}`} className="answers-section__title">
                {section.title}
              </h2>
              {changeUrl ? (
                <Link to={changeUrl} className="answers-section__change">
                  {t("check.change")}
                  <span className="visually-hidden"> {section.title}</span>
                </Link>
              ) : null}
            </div>
            {section.fundingTitle ? <p className="muted">{section.fundingTitle}</p> : null}
            {section.answersLanguage && section.answersLanguage !== props.lang ? (
              <p className="muted">
                {t("check.writtenIn", { language: t(`languages.${section.answersLanguage}`) })}
              </p>
            ) : null}
            <AnswerSummary
              questions={section.questions}
              raw={section.answers}
              lang={props.lang}
              measures={props.measures}
              attachments={section.attachments}
              attachmentUrl={props.attachmentUrl}
              answersLanguage={section.answersLanguage as Language | null}
            />
          </section>
        );
      })}
    </>
  );
}
