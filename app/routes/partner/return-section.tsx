import { useT } from "~/modules/i18n/use-t";
import { data, href, Link, redirect, type ShouldRevalidateFunctionArgs } from "react-router";
import type { Route } from "./+types/return-section";
import { ClosedNotice, ReturnCaption, SectionHeading } from "~/components/return-header";
import { ErrorSummaryBox } from "~/components/ui/error-summary";
import { requirePermission } from "~/modules/auth/session.server";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { langParam } from "~/modules/i18n/lang-param";
import type { Language } from "~/modules/i18n/languages";
import type { RawAnswers } from "~/modules/questionnaires/answers";
import { SectionForm } from "~/modules/questionnaires/components/section-form";
import { MAX_UPLOAD_REQUEST_BYTES } from "~/modules/returns/attachments.server";
import {
  fillInSection,
  tooLargeToRead,
  type FillInOutcome,
} from "~/modules/returns/section-actions.server";
import { findSectionToFill, sectionDefinitionOf } from "~/modules/returns/sections.server";
import {
  editRefusal,
  isHandedBack,
  isSentBack,
  isSubmitted,
  overForPartner,
  sectionEditRefusal,
} from "~/modules/returns/status";
import { commentThreads, postComment } from "~/modules/review/comments.server";
import { CommentThread, ReviewerNote } from "~/modules/review/components/comment-thread";
import { reviewStateOf } from "~/modules/review/review-state.server";
import { prisma } from "~/utils/db.server";
import { withDeclarant } from "~/modules/returns/declaration";
import { findSectionPage } from "~/modules/returns/section-page.server";
import { chosenMeasures, inLanguage, returnHeader, taskItem } from "~/modules/returns/view.server";
import { badRequest, notFound } from "~/utils/http.server";
import { readFormData } from "~/utils/multipart.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:fill");
  const found = await findSectionPage(current, params.returnId, params.sectionId);
  if (!found) notFound();
  const { annualReturn, section, plan } = found;
  if (isSubmitted(annualReturn))
    throw redirect(
      href("/:lang/partner/returns/:returnId/confirmation", { lang, returnId: annualReturn.id }),
    );
  const definition = sectionDefinitionOf(found.definition, section.templateSection);
  const t = getFixedT(lang, "returns");
  return {
    lang,
    header: returnHeader(annualReturn, lang),
    // A closed campaign's return, or one past its grace period, is shown read-only; its saves
    // are refused (status.ts).
    closed: overForPartner(editRefusal(annualReturn, annualReturn.campaign)),
    // Sent back for changes on other sections: this one is shown as reviewed, read-only.
    notSentBack:
      sectionEditRefusal(annualReturn, annualReturn.campaign, section) === "not-sent-back",
    sentBack: isSentBack(annualReturn),
    review: await reviewOf(annualReturn, section),
    // The browser keeps unsaved text under this key until the server has it (one per person).
    draftKey: `sb-draft:${annualReturn.id}:${section.id}:${current.user.id}`,
    section: {
      ...taskItem(section, found, lang, t),
      version: section.version,
      answers: withDeclarant(
        section.answers as RawAnswers,
        section,
        definition.questions.map((q) => q.id),
        current.user,
        annualReturn.organisationId,
      ),
      updatedAt: section.updatedAt,
      description: definition.description?.[lang] ?? null,
      removable: section.kind === "OTHER_CONTRIBUTION",
    },
    questions: inLanguage(definition.questions, lang),
    // Only what the page renders: the titles of the measures its pickers have chosen (they are
    // chosen on a page of their own).
    measures: await chosenMeasures(definition.questions, section.answers as RawAnswers, plan, lang),
    attachments: section.attachments,
  };
}

/**
 * What the review says about this section, once the return was sent and handed back: the
 * reviewer's comment when it is sent back for changes, its decision otherwise, and the thread.
 */
async function reviewOf(
  annualReturn: { id: string; status: Parameters<typeof isHandedBack>[0]["status"] },
  section: { id: string; changesRequestedAt: Date | null },
) {
  // A return never sent has no review: its page reads nothing more.
  if (!isHandedBack(annualReturn)) return null;
  const [state, threads] = await Promise.all([
    reviewStateOf(prisma, annualReturn.id),
    commentThreads(prisma, annualReturn.id),
  ]);
  const decision = state.effective.get(section.id) ?? null;
  return {
    note:
      section.changesRequestedAt && decision?.decision === "CHANGES_NEEDED" ? decision.note : null,
    decision: decision?.decision ?? null,
    comments: threads.get(section.id) ?? [],
    // A contribution added after a reopening was never sent: nothing to answer about yet.
    canReply: Boolean(state.latest?.snapshot.sections.some((s) => s.sectionId === section.id)),
  };
}

export function shouldRevalidate({
  formData,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  // Autosaves answer with the new version; reloading would reset what is being typed.
  if (formData?.get("_intent") === "autosave") return false;
  return defaultShouldRevalidate;
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:fill");
  const target = await findSectionToFill(current, params.returnId, params.sectionId);
  if (!target) notFound();
  let form: FormData;
  try {
    form = await readFormData(request, MAX_UPLOAD_REQUEST_BYTES);
  } catch (error) {
    // Too large to read: the page comes back with the saved answers and a clear message.
    if (!(error instanceof Response && error.status === 413)) throw error;
    return answer(tooLargeToRead(target), lang, target.section.returnId);
  }
  if (form.get("_intent") === "comment") {
    const body = String(form.get("comment") ?? "");
    const posted = await postComment({
      current,
      returnId: target.section.returnId,
      sectionId: target.section.id,
      body,
      language: lang,
    });
    if (posted.outcome === "posted") {
      const here = href("/:lang/partner/returns/:returnId/sections/:sectionId", {
        lang,
        returnId: target.section.returnId,
        sectionId: target.section.id,
      });
      throw redirect(`${here}#comments`);
    }
    if (posted.outcome === "invalid")
      return data(
        { outcome: "comment-invalid" as const, commentError: posted.refusal, comment: body },
        { status: 400 },
      );
    notFound();
  }
  const result = await fillInSection({ current, target, form, language: lang });
  return answer(result, lang, target.section.returnId);
}

function answer(result: FillInOutcome, lang: Language, returnId: string) {
  switch (result.outcome) {
    case "malformed":
      return badRequest();
    case "not-found":
      return notFound();
    case "locked":
      throw redirect(href("/:lang/partner/returns/:returnId/confirmation", { lang, returnId }));
    // Approved data is locked (a stale tab's save): 409, and the reload shows the confirmation.
    case "closed":
    case "approved":
    case "not-sent-back":
      return data({ outcome: result.outcome }, { status: 409 });
    case "conflict": {
      const { theirs, raw } = result;
      const errors: Record<string, string> = {};
      return data({ outcome: "conflict" as const, theirs, raw, errors }, { status: 409 });
    }
    case "autosaved":
      return data({
        outcome: "saved" as const,
        version: result.version,
        savedAt: result.savedAt.toISOString(),
      });
    case "invalid": {
      const { raw, errors, version } = result;
      return data(
        { outcome: "invalid" as const, raw, errors, version },
        { status: result.tooLarge ? 413 : 400 },
      );
    }
    case "done": {
      const { next } = result;
      if (next.page === "task-list")
        throw redirect(href("/:lang/partner/returns/:returnId", { lang, returnId }));
      if (next.page === "measures")
        throw redirect(
          href("/:lang/partner/returns/:returnId/sections/:sectionId/measures/:field", {
            lang,
            returnId,
            sectionId: next.sectionId,
            field: next.field,
          }),
        );
      const section = href("/:lang/partner/returns/:returnId/sections/:sectionId", {
        lang,
        returnId,
        sectionId: next.sectionId,
      });
      throw redirect(next.questionId ? `${section}#f-${next.questionId}` : section);
    }
  }
}

export default function ReturnSection({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("returns");
  const { t: tc } = useT("common");
  const { lang, header, closed, draftKey, section, questions, measures, attachments } = loaderData;
  const { notSentBack, sentBack, review } = loaderData;
  const commentError =
    actionData?.outcome === "comment-invalid"
      ? t(`sentBack.errors.${actionData.commentError}`)
      : null;
  const returnId = header.id;
  const here = href("/:lang/partner/returns/:returnId/sections/:sectionId", {
    lang,
    returnId,
    sectionId: section.id,
  });
  const conflict = actionData?.outcome === "conflict" ? actionData.theirs : null;
  const errors = actionData && "errors" in actionData ? actionData.errors : {};
  const raw = actionData && "raw" in actionData ? actionData.raw : section.answers;
  const version = actionData && "version" in actionData ? actionData.version : section.version;
  return (
    <>
      <ReturnCaption header={header} lang={lang} taskList />
      <SectionHeading title={section.title} status={section.status} />
      {section.fundingTitle ? (
        <p className="lead">
          {t("section.funding", { title: section.fundingTitle })}
          {section.measureLink ? ` · ${t(`link.${section.measureLink}`)}` : ""}
        </p>
      ) : null}
      {section.description ? <p>{section.description}</p> : null}
      {section.prefilled ? (
        <div className="inset inset--notice">
          <p>
            <strong>{t("section.prefilledTitle")}</strong> {t("section.prefilledBody")}
          </p>
        </div>
      ) : null}
      {closed || actionData?.outcome === "closed" ? (
        <ClosedNotice reason={closed ?? undefined} />
      ) : null}
      {commentError ? <ErrorSummaryBox items={[{ field: "comment", text: commentError }]} /> : null}
      {notSentBack ? (
        <div className="inset inset--notice" role="note">
          <p>
            <strong>{t("sentBack.readOnlyTitle")}</strong>{" "}
            {review?.decision === "ACCEPTED"
              ? t("sentBack.readOnlyAccepted")
              : review?.decision === "NOT_RETAINED"
                ? t("sentBack.readOnlyNotRetained")
                : t("sentBack.readOnlyBody")}
          </p>
        </div>
      ) : null}
      {review?.note ? <ReviewerNote note={review.note} lang={lang} /> : null}
      {review && (review.comments.length > 0 || review.canReply) ? (
        <CommentThread
          comments={review.comments}
          lang={lang}
          headingId="comments-title"
          title={t("sentBack.threadTitle")}
          reply={
            review.canReply
              ? {
                  intent: "comment",
                  label: t("sentBack.replyLabel"),
                  body: actionData?.outcome === "comment-invalid" ? actionData.comment : "",
                  error: commentError,
                }
              : null
          }
        />
      ) : null}
      <SectionForm
        key={`${section.id}:${section.version}`}
        preview={Boolean(closed) || notSentBack}
        autosaveUrl={href("/:lang/partner/returns/:returnId/sections/:sectionId/autosave", {
          lang,
          returnId,
          sectionId: section.id,
        })}
        draftKey={draftKey}
        loginUrl={`${href("/:lang/login", { lang })}?${new URLSearchParams({ redirectTo: here })}`}
        lang={lang}
        questions={questions}
        raw={raw}
        version={version}
        errors={errors}
        measures={measures}
        attachments={attachments}
        attachmentUrl={(attachmentId) =>
          href("/:lang/partner/returns/:returnId/attachments/:attachmentId", {
            lang,
            returnId: header.id,
            attachmentId,
          })
        }
        conflict={conflict}
        title={commentError ? `${tc("errors.titlePrefix")} ${section.title}` : section.title}
        savedAt={section.status === "NOT_STARTED" ? null : section.updatedAt}
      />
      {section.removable && !closed && !sentBack ? (
        <p>
          <Link
            to={href("/:lang/partner/returns/:returnId/contributions/:sectionId/remove", {
              lang,
              returnId,
              sectionId: section.id,
            })}
          >
            {t("section.removeContribution")}
          </Link>
        </p>
      ) : null}
      <p>
        <Link to={href("/:lang/partner/returns/:returnId", { lang, returnId })}>
          {t("section.backToTaskList")}
        </Link>
      </p>
    </>
  );
}
