import { useT } from "~/modules/i18n/use-t";
import { data, href, Link, redirect, type ShouldRevalidateFunctionArgs } from "react-router";
import type { Route } from "./+types/return";
import { ReturnAnswers } from "~/components/return-answers";
import { StatusTag } from "~/components/return-header";
import { ErrorSummary } from "~/components/ui/error-summary";
import { PageTitle } from "~/components/ui/page-title";
import { DeadlineTag } from "~/components/ui/tags";
import { sentLateMarker } from "~/modules/returns/status";
import { can } from "~/modules/auth/permissions";
import { requirePermission } from "~/modules/auth/session.server";
import { formatDate, formatDateTime } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import type { Language } from "~/modules/i18n/languages";
import type { MeasureOption } from "~/modules/questionnaires/components/complex-fields";
import { ReturnHistory } from "~/modules/returns/components/return-history";
import { AssignForm, ReopenForm, ReviewMoves } from "~/modules/review/components/return-actions";
import { ReviewedSection, SectionsOverview } from "~/modules/review/components/reviewed-section";
import { ReviewThread } from "~/modules/review/components/review-thread";
import { REVIEW_DONE, reviewFields } from "~/modules/review/review-page-fields";
import {
  parseReviewIntent,
  runReviewIntent,
  type ReviewActionResult,
} from "~/modules/review/review-page-actions.server";
import { REVIEW_FORM_BYTES, reviewPage } from "~/modules/review/review-page.server";
import {
  ApprovalScreeningWarning,
  ReturnScreening,
} from "~/modules/screening/components/return-screening";
import { returnFindings } from "~/modules/screening/findings.server";
import { screenedParam } from "~/modules/screening/resolution";
import { badRequest, notFound } from "~/utils/http.server";
import { readFormData } from "~/utils/multipart.server";

// Staff: one return under review. Each section of its latest submission as sent, what changed
// since the submission before, the decision standing on it and the form to decide; the comment
// threads; and the return's moves (take, send back, approve, reopen). Every form works without
// JavaScript (post, then redirect with a status message) and with it (no full reload).
export async function loader({ request, params, url }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  const page = await reviewPage(current, params.returnId, lang);
  if (!page) notFound();
  const done = REVIEW_DONE.find((d) => d === url.searchParams.get("done")) ?? null;
  return {
    lang,
    currentUserId: current.user.id,
    ...page,
    done,
    doneSection: url.searchParams.get("section"),
    screening: {
      // Only an approved return has entries in the dataset (a reopening supersedes them).
      entries: page.header.status === "APPROVED" ? await returnFindings(params.returnId, lang) : [],
      canResolve: can(current.roles, "screening:resolve"),
      screened: screenedParam(url.searchParams),
    },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  const form = await readFormData(request, REVIEW_FORM_BYTES);
  const intent = parseReviewIntent(form);
  if (!intent) badRequest();
  const result = await runReviewIntent(current, params.returnId, lang, intent);
  if (result.ok) {
    const page = href("/:lang/staff/returns/:returnId", { lang, returnId: params.returnId });
    const query = new URLSearchParams({ done: result.done });
    if (result.sectionId) query.set("section", result.sectionId);
    // Back where the reviewer was: the section decided or commented on.
    const anchor =
      result.done === "decided" && result.sectionId
        ? `#section-${result.sectionId}`
        : result.done === "commented"
          ? `#thread-${result.sectionId ?? "general"}`
          : "";
    throw redirect(`${page}?${query}${anchor}`);
  }
  if (result.status === 404) notFound();
  return data(result, { status: result.status });
}

/**
 * A refusal because someone acted meanwhile (409, 403) shows the page as it now stands: the
 * router does not reload a page's data after a 4xx answer unless asked.
 */
export function shouldRevalidate({
  actionStatus,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  if (actionStatus === 409 || actionStatus === 403) return true;
  return defaultShouldRevalidate;
}

type Refusal = Extract<ReviewActionResult, { ok: false }>;

export default function StaffReturn({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT(["admin", "returns", "common"]);
  const page = loaderData;
  const { lang, header, submission, campaignId, organisationId } = page;
  const refusal = actionData as Refusal | undefined;
  const errors = refusal?.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  const doneSection = page.sections.find((s) => s.id === page.doneSection);
  return (
    <>
      <PageTitle
        title={`${header.organisationName} – ${header.campaignTitle}`}
        hasErrors={hasErrors}
      />
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/staff/campaigns/:campaignId", { lang, campaignId })}>
              {header.campaignTitle}
            </Link>
          </li>
        </ol>
      </nav>
      {hasErrors ? <ErrorSummary errors={errors} ns="admin" /> : null}
      {page.done && !hasErrors ? (
        <div className="panel" role="status">
          <p>
            {page.done === "decided"
              ? t("reviewReturn.done.decided", { section: doneSection?.title ?? "" })
              : t(`reviewReturn.done.${page.done}`)}
          </p>
        </div>
      ) : null}
      <h1>{header.organisationName}</h1>
      <dl className="summary-list">
        <div>
          <dt>{t("staffReturn.status")}</dt>
          <dd>{t(`returns:returnStatus.${header.status}`)}</dd>
        </div>
        {submission ? (
          <div>
            <dt>{t("staffReturn.submitted")}</dt>
            <dd>
              {t("reviewReturn.submissionOn", {
                number: submission.number,
                date: formatDateTime(submission.submittedAt, lang),
              })}
              {header.submittedBy ? ` – ${header.submittedBy}` : ""}{" "}
              <DeadlineTag marker={sentLateMarker(submission.submittedAt, header.dueAt)} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t("campaigns.due")}</dt>
          <dd>{formatDate(header.dueAt, lang)}</dd>
        </div>
        <div>
          <dt>{t("staffReturn.organisation")}</dt>
          <dd>
            <Link to={href("/:lang/staff/partners/:organisationId", { lang, organisationId })}>
              {header.organisationName}
            </Link>
          </dd>
        </div>
        <div>
          <dt>{t("reviewReturn.assignee")}</dt>
          <dd>{page.assignee?.displayName ?? t("reviewReturn.nobody")}</dd>
        </div>
        {page.approvedAt ? (
          <div>
            <dt>{t("reviewReturn.approved")}</dt>
            <dd>
              {t("reviewReturn.approvedOn", {
                date: formatDateTime(page.approvedAt, lang),
                name: page.approvedBy ?? t("reviewReturn.formerUser"),
              })}
            </dd>
          </div>
        ) : null}
      </dl>

      {page.draft ? (
        <NotSentYet draft={page.draft} lang={lang} measures={page.measures} returnId={header.id} />
      ) : (
        <>
          <SectionsOverview sections={page.sections} submissionNumber={submission?.number ?? 0} />
          <AssignForm
            key={page.assignee?.id ?? "nobody"}
            currentUserId={page.currentUserId}
            assigneeId={page.assignee?.id ?? null}
            reviewers={page.reviewers}
            error={errors[reviewFields.assignee]}
          />
          {page.can.approve ? <ApprovalScreeningWarning count={page.possiblePersonalData} /> : null}
          <ReviewMoves
            submissionNumber={submission?.number ?? null}
            canSendBack={page.can.sendBack}
            canApprove={page.can.approve}
            underReview={page.can.decide}
            fourEyesBlocked={page.fourEyesBlocked}
            sendBackClosed={page.closedFor.sendBack}
            undecided={page.standing.undecided.length}
            changesNeeded={page.standing.changesNeeded.length}
          />
          {page.closedFor.reopen ? (
            <p className="inset">{t("reviewReturn.actions.closedReopen")}</p>
          ) : null}
          {page.can.reopen ? (
            <ReopenForm
              value={refusal?.intent === "reopen" ? refusal.values.reason : undefined}
              error={errors[reviewFields.reason]}
            />
          ) : null}
          <ReturnScreening
            {...page.screening}
            lang={lang}
            pagePath={href("/:lang/staff/returns/:returnId", { lang, returnId: header.id })}
          />
          {page.removedSections.length > 0 && submission?.previousNumber ? (
            <section aria-labelledby="removed-title">
              <h2 id="removed-title">
                {t("reviewReturn.removedTitle", { number: submission.previousNumber })}
              </h2>
              <ul>
                {page.removedSections.map((s) => (
                  <li key={s.id}>{s.title}</li>
                ))}
              </ul>
            </section>
          ) : null}
          {page.sections.map((section) => (
            <ReviewedSection
              key={section.id}
              section={section}
              lang={lang}
              measures={page.measures}
              returnId={header.id}
              previousNumber={submission?.previousNumber ?? null}
              canDecide={page.can.decide}
              canComment={page.can.comment}
              refusal={refusal?.sectionId === section.id ? refusal : undefined}
            />
          ))}
          <ReviewThread
            key={`general-${page.generalComments.length}`}
            sectionId={null}
            title={t("reviewReturn.comments.generalTitle")}
            headingLevel={2}
            comments={page.generalComments}
            lang={lang}
            formLabel={page.can.comment ? t("reviewReturn.comments.label") : null}
            value={
              refusal?.intent === "comment" && !refusal.sectionId ? refusal.values.body : undefined
            }
            error={errors[reviewFields.comment(null)]}
          />
        </>
      )}

      <h2>{t("staffReturn.history")}</h2>
      <ReturnHistory entries={page.history} lang={lang} />
    </>
  );
}

/** A return never sent: its answers as they stand, as this page showed them before review. */
function NotSentYet(props: {
  draft: NonNullable<Route.ComponentProps["loaderData"]["draft"]>;
  lang: Language;
  measures: readonly MeasureOption[];
  returnId: string;
}) {
  const { t } = useT(["admin", "returns"]);
  const { lang } = props;
  return (
    <>
      <p>{t("reviewReturn.notSent")}</p>
      <h2>{t("staffReturn.sections")}</h2>
      <ul className="task-list">
        {props.draft.map((s) => (
          <li key={s.id} className="task-list__item">
            <div className="task-list__name">
              <a href={`#h-${s.id}`}>{s.title}</a>
            </div>
            <StatusTag status={s.status} />
          </li>
        ))}
      </ul>
      <ReturnAnswers
        sections={props.draft}
        lang={lang}
        measures={props.measures}
        attachmentUrl={(attachmentId) =>
          href("/:lang/partner/returns/:returnId/attachments/:attachmentId", {
            lang,
            returnId: props.returnId,
            attachmentId,
          })
        }
      />
    </>
  );
}
