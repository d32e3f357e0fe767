import { useT } from "~/modules/i18n/use-t";
import { href, Link } from "react-router";
import { DeadlineTag, StatusTag as UiStatusTag } from "~/components/ui/tags";
import { formatDate } from "~/modules/i18n/format";
import type { Language } from "~/modules/i18n/languages";
import type { SectionStatus } from "~/generated/prisma/enums";

export interface ReturnHeaderData {
  id: string;
  status: string;
  organisationName: string;
  campaignTitle: string;
  year: number;
  /** The due date that applies to this partner (its extension's, if any). */
  dueAt: string | Date;
  /** Given an extension: its due date is its own. */
  extended?: boolean;
  /** "late", "closed" or "past-grace", from modules/returns/status.ts. */
  marker?: "late" | "closed" | "past-grace" | null;
}

/** Breadcrumbs and the return's caption, shown above every page of a return. */
export function ReturnCaption(props: {
  header: ReturnHeaderData;
  lang: Language;
  taskList?: boolean;
}) {
  const { t } = useT(["returns", "common", "partners"]);
  const { header, lang } = props;
  return (
    <>
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/partner", { lang })}>{t("partners:home.title")}</Link>
          </li>
          {props.taskList ? (
            <li>
              <Link to={href("/:lang/partner/returns/:returnId", { lang, returnId: header.id })}>
                {t("taskList.breadcrumb")}
              </Link>
            </li>
          ) : null}
        </ol>
      </nav>
      <p className="caption">
        {header.organisationName} · {header.campaignTitle} ·{" "}
        {t(header.extended ? "taskList.dueExtended" : "taskList.due", {
          date: formatDate(header.dueAt, lang),
        })}{" "}
        <DeadlineTag marker={header.marker} />
      </p>
    </>
  );
}

export function StatusTag(props: { status: SectionStatus; id?: string }) {
  const { t } = useT("returns");
  return <UiStatusTag status={props.status} label={t(`status.${props.status}`)} id={props.id} />;
}

/**
 * Shown on every page of a return the partner can no longer change: its campaign is closed, or
 * the grace period after its due date is over ("past-grace").
 */
export function ClosedNotice(props: { reason?: "closed" | "past-grace" }) {
  const { t } = useT("returns");
  const past = props.reason === "past-grace";
  return (
    <div className="inset inset--notice" role="note">
      <p>
        <strong>{t(past ? "pastGrace.title" : "closed.title")}</strong>{" "}
        {t(past ? "pastGrace.body" : "closed.body")}
      </p>
    </div>
  );
}

/** Beyond this length a section title is a whole measure sentence: too long for a heading. */
const LONG_TITLE = 90;

/**
 * A section's heading. Measure titles are full sentences (up to ~250 characters), unreadable as
 * a heading at 320 px: the heading keeps "Mesure 5.1 – <first words>…" and the full sentence
 * follows as a paragraph. Short titles are shown whole.
 */
export function SectionHeading(props: { title: string; status: SectionStatus }) {
  const split = splitLongTitle(props.title);
  return (
    <>
      <h1>
        {split ? split.short : props.title} <StatusTag status={props.status} />
      </h1>
      {split ? <p className="lead section-full-title">{split.full}</p> : null}
    </>
  );
}

export function splitLongTitle(title: string): { short: string; full: string } | null {
  const at = title.indexOf(" – ");
  if (title.length <= LONG_TITLE || at < 0) return null;
  const prefix = title.slice(0, at);
  const full = title.slice(at + 3);
  const words = full.split(/\s+/);
  let start = "";
  for (const word of words) {
    if (start && start.length + word.length + 1 > 40) break;
    start = start ? `${start} ${word}` : word;
  }
  return { short: `${prefix} – ${start.replace(/[,;:.]$/, "")}…`, full };
}
