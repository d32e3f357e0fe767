import { useT } from "~/modules/i18n/use-t";
import { DataTable } from "~/components/ui/data-table";
import type { HistoryActor, ReturnHistoryEntry } from "../history.server";
import { formatCalendarDate, formatDateTime } from "~/modules/i18n/format";
import type { Language } from "~/modules/i18n/languages";

/** What happened, in the reader's language; the section is named in the label. */
function useEventLabel(lang: Language) {
  const { t } = useT("admin");
  return (entry: ReturnHistoryEntry) => {
    const section = entry.section ?? "";
    switch (entry.action) {
      case "return.generated":
        return entry.returnCreated
          ? t("history.events.returnCreated", { count: entry.createdSections })
          : t("history.events.sectionsAdded", { count: entry.createdSections });
      case "return.section-started":
        return t("history.events.sectionStarted", { section });
      case "return.section-completed":
        return t("history.events.sectionCompleted", { section });
      case "return.section-reopened":
        return t("history.events.sectionReopened", { section });
      case "return.contribution-added":
        return t("history.events.contributionAdded", { section });
      case "return.contribution-removed":
        return t("history.events.contributionRemoved", { section });
      case "return.attachment-added":
        return t("history.events.attachmentAdded", { section });
      case "return.attachment-removed":
        return t("history.events.attachmentRemoved", { section });
      case "return.submitted":
        return entry.late ? t("history.events.submittedLate") : t("history.events.submitted");
      case "return.section-decided":
        return entry.decision
          ? t(`history.events.sectionDecided.${entry.decision}`, { section })
          : entry.action;
      case "return.changes-requested":
        return t("history.events.changesRequested", { count: entry.sectionsSentBack ?? 0 });
      case "return.comment-posted": {
        const by = entry.commentSide === "STAFF" ? "staff" : "partner";
        return entry.section
          ? t(`history.events.commentOnSection.${by}`, { section })
          : t(`history.events.commentOnReturn.${by}`);
      }
      case "return.assigned":
        return t("history.events.assigned");
      case "return.approved":
        return t("history.events.approved", { count: entry.entries ?? 0 });
      case "return.extension-granted":
        return t("history.events.extensionGranted", {
          date: entry.dueDay ? formatCalendarDate(entry.dueDay, lang) : "",
        });
      case "return.extension-withdrawn":
        return t("history.events.extensionWithdrawn");
      case "return.reopened":
        return entry.reason ? (
          <>
            {t("history.events.reopenedBecause")}{" "}
            <q lang={entry.reason.language}>{entry.reason.text}</q>
          </>
        ) : (
          t("history.events.reopened")
        );
      default:
        return entry.action;
    }
  };
}

function ActorName({ actor }: { actor: HistoryActor }) {
  const { t } = useT("admin");
  if (actor.kind === "user") return <>{actor.name}</>;
  return <em>{t(actor.kind === "system" ? "history.system" : "history.deletedUser")}</em>;
}

/** A return's audit trail for staff: when (Brussels time), who, what. */
export function ReturnHistory({
  entries,
  lang,
}: {
  entries: readonly ReturnHistoryEntry[];
  lang: Language;
}) {
  const { t } = useT("admin");
  const label = useEventLabel(lang);
  if (entries.length === 0) return <p>{t("staffReturn.noHistory")}</p>;
  return (
    <DataTable
      caption={t("history.caption")}
      className="history"
      columns={[
        { label: t("history.when") },
        { label: t("history.who") },
        { label: t("history.what") },
      ]}
    >
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td>
              <time dateTime={new Date(entry.at).toISOString()}>
                {formatDateTime(entry.at, lang)}
              </time>
            </td>
            <td>
              <ActorName actor={entry.actor} />
            </td>
            <td>{label(entry)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
