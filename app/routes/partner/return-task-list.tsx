import { useT } from "~/modules/i18n/use-t";
import { data, href, Link, redirect } from "react-router";
import type { Route } from "./+types/return-task-list";
import { ClosedNotice, ReturnCaption, StatusTag } from "~/components/return-header";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { formatDate } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { findReturnForUser } from "~/modules/returns/access.server";
import { isHandedBack, isSentBack, isSubmitted } from "~/modules/returns/status";
import { returnHeader, taskGroups, type TaskItem } from "~/modules/returns/view.server";
import { ErrorSummaryBox } from "~/components/ui/error-summary";
import { Tag } from "~/components/ui/tags";
import { commentThreads, postComment } from "~/modules/review/comments.server";
import { CommentThread } from "~/modules/review/components/comment-thread";
import { reviewStateOf } from "~/modules/review/review-state.server";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";

/** How a section of a return sent back for changes is shown in its task list. */
type ReviewMark = "changesRequested" | "accepted" | "notRetained" | "readOnly";

/**
 * Once the return was sent and handed back: the review's mark on each section while it is sent
 * back for changes, and the conversation about the return as a whole.
 */
async function reviewOf(loaded: NonNullable<Awaited<ReturnType<typeof findReturnForUser>>>) {
  // A return never sent has no review: its task list reads nothing more.
  if (!isHandedBack(loaded)) return null;
  const [state, threads] = await Promise.all([
    reviewStateOf(prisma, loaded.id),
    commentThreads(prisma, loaded.id),
  ]);
  const marks: Record<string, ReviewMark> = {};
  if (isSentBack(loaded)) {
    for (const section of loaded.sections) {
      const decision = state.effective.get(section.id)?.decision;
      marks[section.id] = section.changesRequestedAt
        ? "changesRequested"
        : decision === "ACCEPTED"
          ? "accepted"
          : decision === "NOT_RETAINED"
            ? "notRetained"
            : "readOnly";
    }
  }
  return { sentBack: isSentBack(loaded), marks, comments: threads.get(null) ?? [] };
}

async function loadReturn(request: Request, params: Route.LoaderArgs["params"]) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:fill");
  const loaded = await findReturnForUser(current, params.returnId);
  if (!loaded || !current.organisationIds.includes(loaded.organisationId)) notFound();
  if (isSubmitted(loaded))
    throw redirect(
      href("/:lang/partner/returns/:returnId/confirmation", { lang, returnId: loaded.id }),
    );
  return { lang, current, loaded };
}

/** A message about the return as a whole (the form under its conversation). */
export async function action({ request, params }: Route.ActionArgs) {
  const { lang, current, loaded } = await loadReturn(request, params);
  const form = await readFormData(request, SMALL_FORM_BYTES);
  if (form.get("_intent") !== "comment") return data({ error: "bad-request" }, { status: 400 });
  const body = String(form.get("comment") ?? "");
  const posted = await postComment({
    current,
    returnId: loaded.id,
    sectionId: null,
    body,
    language: lang,
  });
  if (posted.outcome === "posted")
    throw redirect(
      `${href("/:lang/partner/returns/:returnId", { lang, returnId: loaded.id })}#comments`,
    );
  if (posted.outcome === "invalid")
    return data({ commentError: posted.refusal, comment: body }, { status: 400 });
  notFound();
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { lang, loaded } = await loadReturn(request, params);
  const groups = taskGroups(loaded, lang, getFixedT(lang, "returns"));
  const review = await reviewOf(loaded);
  return {
    lang,
    header: returnHeader(loaded, lang),
    ...groups,
    // Sent back for changes: the return keeps the sections that were reviewed.
    canAddContribution: groups.canAddContribution && !review?.sentBack,
    review,
  };
}

const markTones = {
  changesRequested: "yellow",
  accepted: "green",
  notRetained: "grey",
  readOnly: "grey",
} as const;

function TaskRow(props: { item: TaskItem; href: string; mark?: ReviewMark }) {
  const { t } = useT("returns");
  const { item } = props;
  const statusId = `status-${item.id}`;
  return (
    <li className="task-list__item">
      <div className="task-list__name">
        <Link to={props.href} aria-describedby={statusId}>
          {item.title}
        </Link>
        {item.fundingTitle ||
        item.measureLink ||
        item.prefilled ||
        item.origin === "CHANNEL_RULE" ? (
          <div className="task-list__hint">
            {item.fundingTitle ? <span>{item.fundingTitle}</span> : null}
            {item.measureLink ? <span> · {t(`link.${item.measureLink}`)}</span> : null}
            {item.origin === "CHANNEL_RULE" ? <span> · {t("taskList.requiredByRule")}</span> : null}
            {item.prefilled ? <span> · {t("taskList.prefilled")}</span> : null}
          </div>
        ) : null}
      </div>
      {props.mark ? (
        <Tag tone={markTones[props.mark]} id={statusId}>
          {t(`sentBack.tag.${props.mark}`)}
        </Tag>
      ) : (
        <StatusTag status={item.status} id={statusId} />
      )}
    </li>
  );
}

export default function ReturnTaskList({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("returns");
  const { lang, header, groups, total, completed, canAddContribution, review } = loaderData;
  const commentError =
    actionData && "commentError" in actionData
      ? t(`sentBack.errors.${actionData.commentError}`)
      : null;
  const returnId = header.id;
  const section = (sectionId: string) =>
    href("/:lang/partner/returns/:returnId/sections/:sectionId", { lang, returnId, sectionId });
  const closed = header.marker === "closed" || header.marker === "past-grace";
  const allDone = completed === total && !closed;
  // Groups are lettered as shown: an empty group is left out and the letters stay A, B, C…
  const order = (["organisation", "funded", "other", "missions", "declaration"] as const)
    .filter((key) =>
      key === "other" ? canAddContribution : key === "declaration" || groups[key].length > 0,
    )
    .map((key, i) => ({ key, letter: String.fromCharCode(65 + i) }));
  return (
    <>
      <PageTitle title={header.campaignTitle} hasErrors={Boolean(commentError)} />
      <ReturnCaption header={header} lang={lang} />
      <h1>{header.campaignTitle}</h1>
      <p className="lead">
        {t(header.extended ? "taskList.introExtended" : "taskList.intro", {
          date: formatDate(header.dueAt, lang),
        })}
      </p>
      {closed ? (
        <ClosedNotice reason={header.marker === "past-grace" ? "past-grace" : "closed"} />
      ) : null}
      {commentError ? <ErrorSummaryBox items={[{ field: "comment", text: commentError }]} /> : null}
      {review?.sentBack ? (
        <div className="inset inset--notice" role="note">
          <p>
            <strong>{t("sentBack.taskListTitle")}</strong> {t("sentBack.taskListBody")}
          </p>
        </div>
      ) : null}
      <p role="status">{t("taskList.progress", { completed, total })}</p>
      <ol className="task-list-groups">
        {order.map(({ key, letter }) => {
          const items = groups[key];
          return (
            <li key={key}>
              <h2 className="task-list__heading">
                <span className="task-list__letter">{letter}.</span> {t(`groups.${key}.title`)}
              </h2>
              <p className="hint">{t(`groups.${key}.hint`)}</p>
              {items.length > 0 ? (
                <ul className="task-list">
                  {items.map((item) => (
                    <TaskRow
                      key={item.id}
                      item={item}
                      href={section(item.id)}
                      mark={review?.marks[item.id]}
                    />
                  ))}
                </ul>
              ) : null}
              {key === "other" && !closed ? (
                <p>
                  <Link
                    to={href("/:lang/partner/returns/:returnId/contributions/new", {
                      lang,
                      returnId,
                    })}
                    className="button button--secondary"
                  >
                    {t("taskList.addContribution")}
                  </Link>
                </p>
              ) : null}
              {key === "declaration" ? (
                <ul className="task-list">
                  <li className="task-list__item">
                    <div className="task-list__name">
                      {allDone ? (
                        <Link
                          to={href("/:lang/partner/returns/:returnId/check", { lang, returnId })}
                          aria-describedby="status-check"
                        >
                          {t("taskList.checkAndSubmit")}
                        </Link>
                      ) : (
                        <span>{t("taskList.checkAndSubmit")}</span>
                      )}
                    </div>
                    <strong className="tag tag--grey" id="status-check">
                      {allDone ? t("taskList.ready") : t("taskList.cannotStartYet")}
                    </strong>
                  </li>
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
      {review ? (
        <CommentThread
          comments={review.comments}
          lang={lang}
          headingId="comments-title"
          title={t("sentBack.generalThreadTitle")}
          reply={{
            intent: "comment",
            label: t("sentBack.generalReplyLabel"),
            body: actionData && "comment" in actionData ? actionData.comment : "",
            error: commentError,
          }}
        />
      ) : null}
    </>
  );
}
