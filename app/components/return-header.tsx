import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DeadlineTag, StatusTag as UiStatusTag } from "~/components/ui/tags";
import { formatDate } from "~/modules/i18n/format";
import type { Language } from "~/modules/i18n/languages";

export interface ReturnHeaderData {
  id: string;
  status: string;
  organisationName: string;
  campaignTitle: string;
  year: number;
  dueAt: string | Date;
  /** "late" or "closed", from modules/returns/status.ts. */
  marker?: "late" | "closed" | null;
}

/** Breadcrumbs and the return's caption, shown above every page of a return. */
export function ReturnCaption(props: {
  header: ReturnHeaderData;
  lang: Language;
  taskList?: boolean;
}) {
  const { t } = useTranslation("returns");
  const { header, lang } = props;
  return (
    <>
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={`/${lang}/partner`}>{t("partners:home.title")}</Link>
          </li>
          {props.taskList ? (
            <li>
              <Link to={`/${lang}/partner/returns/${header.id}`}>{t("taskList.breadcrumb")}</Link>
            </li>
          ) : null}
        </ol>
      </nav>
      <p className="caption">
        {header.organisationName} · {header.campaignTitle} ·{" "}
        {t("taskList.due", { date: formatDate(header.dueAt, lang) })}{" "}
        <DeadlineTag marker={header.marker} />
      </p>
    </>
  );
}

export function StatusTag(props: {
  status: "NOT_STARTED" | "IN_PROGRESS" | "COMPLETED" | string;
  id?: string;
}) {
  const { t } = useTranslation("returns");
  return <UiStatusTag status={props.status} label={t(`status.${props.status}`)} id={props.id} />;
}

/** Shown on every page of a return whose campaign is closed: nothing can be changed any more. */
export function ClosedNotice() {
  const { t } = useTranslation("returns");
  return (
    <div className="inset inset--notice" role="note">
      <p>
        <strong>{t("closed.title")}</strong> {t("closed.body")}
      </p>
    </div>
  );
}
