// One section of a return under review, as the staff review page shows it: its answers as sent,
// what changed since the submission before, the decision standing on it, the form to decide and
// its comment thread; and the overview table of every section's decision.
import { href } from "react-router";
import { DataTable } from "~/components/ui/data-table";
import { Tag, type TagTone } from "~/components/ui/tags";
import type { SectionDecisionKind } from "~/generated/prisma/enums";
import { formatDateTime } from "~/modules/i18n/format";
import type { Language } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";
import { AnswerSummary } from "~/modules/questionnaires/components/answer-summary";
import type { MeasureOption } from "~/modules/questionnaires/components/complex-fields";
import type { ReviewActionResult } from "../review-page-actions.server";
import type { ReviewSection } from "../review-page.server";
import { reviewFields } from "../review-page-fields";
import { DecisionForm } from "./decision-form";
import { ReviewThread } from "./review-thread";
import { SectionChanges } from "./section-changes";

type Refusal = Extract<ReviewActionResult, { ok: false }>;

const decisionTones: Record<SectionDecisionKind, TagTone> = {
  ACCEPTED: "green",
  CHANGES_NEEDED: "yellow",
  NOT_RETAINED: "grey",
};

function DecisionTag(props: { decision: SectionDecisionKind | null }) {
  const { t } = useT("admin");
  return props.decision ? (
    <Tag tone={decisionTones[props.decision]}>{t(`reviewReturn.decisions.${props.decision}`)}</Tag>
  ) : (
    <Tag tone="blue">{t("reviewReturn.undecided")}</Tag>
  );
}

export function SectionsOverview(props: {
  sections: readonly ReviewSection[];
  submissionNumber: number;
}) {
  const { t } = useT("admin");
  return (
    <>
      <h2>{t("reviewReturn.sectionsOf", { number: props.submissionNumber })}</h2>
      <DataTable
        caption={t("reviewReturn.sectionsOfCaption")}
        columns={[
          { label: t("reviewReturn.section") },
          { label: t("reviewReturn.decisionColumn") },
        ]}
      >
        <tbody>
          {props.sections.map((s) => (
            <tr key={s.id}>
              <td>
                <a href={`#section-${s.id}`}>{s.title}</a>
              </td>
              <td>
                <DecisionTag decision={s.decision?.decision ?? null} />
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}

export function ReviewedSection(props: {
  section: ReviewSection;
  lang: Language;
  measures: readonly MeasureOption[];
  returnId: string;
  previousNumber: number | null;
  canDecide: boolean;
  canComment: boolean;
  refusal?: Refusal;
}) {
  const { t } = useT(["admin", "returns"]);
  const { section, lang, refusal } = props;
  const headingId = `h-${section.id}`;
  const decision = section.decision;
  const written =
    section.answersLanguage && section.answersLanguage !== lang ? section.answersLanguage : null;
  return (
    <section
      id={`section-${section.id}`}
      className="answers-section review-section"
      aria-labelledby={headingId}
    >
      <h2 id={headingId} className="answers-section__title">
        {section.title}
      </h2>
      {section.fundingTitle ? <p className="muted">{section.fundingTitle}</p> : null}
      <p>
        <DecisionTag decision={decision?.decision ?? null} />{" "}
        {props.previousNumber && section.change ? (
          <Tag tone={section.change.status === "unchanged" ? "grey" : "blue"}>
            {t(
              section.change.status === "unchanged"
                ? "reviewReturn.unchangedSince"
                : section.change.status === "added"
                  ? "reviewReturn.addedSince"
                  : "reviewReturn.changedSince",
              { number: props.previousNumber },
            )}
          </Tag>
        ) : null}
      </p>
      {decision ? (
        <div className="inset">
          <p>
            <strong>{t("reviewReturn.standing")}</strong>
            {t("reviewReturn.diff.colon")}
            {t(`reviewReturn.decisions.${decision.decision}`)} –{" "}
            {t("reviewReturn.decidedBy", {
              name: decision.decidedBy ?? t("reviewReturn.formerUser"),
              date: formatDateTime(decision.decidedAt, lang),
            })}
          </p>
          {decision.carriedForward ? <p>{t("reviewReturn.carriedOver")}</p> : null}
          {decision.note ? <p className="pre-line">{decision.note}</p> : null}
        </div>
      ) : null}
      {section.change?.status === "changed" && props.previousNumber ? (
        <>
          <h3>{t("reviewReturn.changesTitle", { number: props.previousNumber })}</h3>
          <SectionChanges
            changes={section.change.changes}
            questions={section.questions}
            lang={lang}
            answersLanguage={section.answersLanguage}
            measures={props.measures}
          />
        </>
      ) : null}
      <h3>{t("reviewReturn.answersTitle")}</h3>
      {written ? (
        <p className="muted">
          {t("returns:check.writtenIn", { language: t(`returns:languages.${written}`) })}
        </p>
      ) : null}
      <AnswerSummary
        questions={section.questions}
        raw={section.answers}
        lang={lang}
        measures={props.measures}
        attachments={section.attachments}
        attachmentUrl={(attachmentId) =>
          href("/:lang/partner/returns/:returnId/attachments/:attachmentId", {
            lang,
            returnId: props.returnId,
            attachmentId,
          })
        }
        answersLanguage={section.answersLanguage}
      />
      {props.canDecide ? (
        <DecisionForm
          key={`${section.seenSeq ?? "none"}`}
          sectionId={section.id}
          sectionTitle={section.title}
          seenSeq={section.seenSeq}
          values={refusal?.intent === "decide" ? refusal.values : undefined}
          errors={refusal?.intent === "decide" ? refusal.errors : undefined}
        />
      ) : null}
      <ReviewThread
        key={`thread-${section.comments.length}`}
        sectionId={section.id}
        title={t("reviewReturn.comments.sectionTitle", { section: section.title })}
        headingLevel={3}
        comments={section.comments}
        lang={lang}
        formLabel={
          props.canComment ? t("reviewReturn.comments.labelFor", { section: section.title }) : null
        }
        value={refusal?.intent === "comment" ? refusal.values.body : undefined}
        error={
          refusal?.intent === "comment"
            ? refusal.errors[reviewFields.comment(section.id)]
            : undefined
        }
      />
    </section>
  );
}
