import { useT } from "~/modules/i18n/use-t";
import { href, Link, redirect } from "react-router";
import type { Route } from "./+types/return-task-list";
import { ClosedNotice, ReturnCaption, StatusTag } from "~/components/return-header";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { formatDate } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { findReturnForUser } from "~/modules/returns/access.server";
import { isSubmitted } from "~/modules/returns/status";
import { returnHeader, taskGroups, type TaskItem } from "~/modules/returns/view.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:fill");
  const loaded = await findReturnForUser(current, params.returnId);
  if (!loaded || !current.organisationIds.includes(loaded.organisationId)) notFound();
  if (isSubmitted(loaded))
    throw redirect(
      href("/:lang/partner/returns/:returnId/confirmation", { lang, returnId: loaded.id }),
    );
  return {
    lang,
    header: returnHeader(loaded, lang),
    ...taskGroups(loaded, lang, getFixedT(lang, "returns")),
  };
}

function TaskRow(props: { item: TaskItem; href: string }) {
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
      <StatusTag status={item.status} id={statusId} />
    </li>
  );
}

export default function ReturnTaskList({ loaderData }: Route.ComponentProps) {
  const { t } = useT("returns");
  const { lang, header, groups, total, completed, canAddContribution } = loaderData;
  const returnId = header.id;
  const section = (sectionId: string) =>
    href("/:lang/partner/returns/:returnId/sections/:sectionId", { lang, returnId, sectionId });
  const closed = header.marker === "closed";
  const allDone = completed === total && !closed;
  // Groups are lettered as shown: an empty group is left out and the letters stay A, B, C…
  const order = (["organisation", "funded", "other", "missions", "declaration"] as const)
    .filter((key) =>
      key === "other" ? canAddContribution : key === "declaration" || groups[key].length > 0,
    )
    .map((key, i) => ({ key, letter: String.fromCharCode(65 + i) }));
  return (
    <>
      <PageTitle title={header.campaignTitle} />
      <ReturnCaption header={header} lang={lang} />
      <h1>{header.campaignTitle}</h1>
      <p className="lead">{t("taskList.intro", { date: formatDate(header.dueAt, lang) })}</p>
      {closed ? <ClosedNotice /> : null}
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
                    <TaskRow key={item.id} item={item} href={section(item.id)} />
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
    </>
  );
}
