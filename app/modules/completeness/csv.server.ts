// The late partners of a campaign as a CSV file for Excel, in the shape of the dataset's
// download (dataset/csv.ts: BOM, ";", CRLF, formula cells neutralised), headers and labels in
// the page's language. Built whole rather than streamed: one row per late return, a few
// thousand at most, read by one statement (completeness.server.ts).
import {
  lateReturns,
  type CompletenessCampaign,
  type LateContact,
  type LateReturn,
} from "./completeness.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { CSV_BOM, csvRow } from "~/modules/dataset/csv";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { type Language, timeZone } from "~/modules/i18n/languages";
import { brusselsDay } from "~/modules/returns/deadlines";
import { prisma } from "~/utils/db.server";

// "2026-12-01 14:05" in Brussels: the form Excel reads as a date and time in any locale.
const stamp = new Intl.DateTimeFormat("sv-SE", {
  timeZone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

// The due day in Brussels, "2026-12-01": an Intl format made once (the deadlines module's
// brusselsDay builds a time-zone date per call, too slow for thousands of rows).
const day = new Intl.DateTimeFormat("sv-SE", {
  timeZone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** partenaires-en-retard-2023-2026-12-01.csv: the campaign's year, then the day it was made. */
export function lateCsvFileName(lang: Language, year: number, now: Date) {
  const t = getFixedT(lang, "completeness");
  return `${t("csv.fileName")}-${year}-${brusselsDay(now)}.csv`;
}

/** The CSV's text (with its byte-order mark) for these late returns. */
export function lateCsv(rows: readonly LateReturn[], lang: Language): string {
  const t = getFixedT(lang, "completeness");
  const tp = getFixedT(lang, "partners");
  const tr = getFixedT(lang, "returns");
  const contacts = (list: readonly LateContact[], role: LateContact["role"]) =>
    list
      .filter((contact) => contact.role === role)
      .map((contact) => `${contact.name} <${contact.email}> (${contact.language.toUpperCase()})`)
      .join(", ");
  let text =
    CSV_BOM +
    csvRow([
      t("csv.organisation"),
      t("csv.kind"),
      t("csv.due"),
      t("csv.extended"),
      t("csv.daysLate"),
      t("csv.status"),
      t("csv.sectionsCompleted"),
      t("csv.sectionsTotal"),
      t("csv.mainContacts"),
      t("csv.backupContacts"),
      t("csv.lastReminderAt"),
      t("csv.lastReminderKind"),
      t("csv.returnId"),
    ]);
  for (const row of rows) {
    text += csvRow([
      row.organisationName,
      tp(`kinds.${row.kind}`),
      day.format(row.dueAt),
      row.extended ? t("csv.yes") : t("csv.no"),
      row.daysLate,
      tr(`returnStatus.${row.status}`),
      row.sectionsCompleted,
      row.sectionsTotal,
      contacts(row.contacts, "MAIN"),
      contacts(row.contacts, "BACKUP"),
      row.lastReminder ? stamp.format(row.lastReminder.at) : null,
      row.lastReminder ? t(`reminderKinds.${row.lastReminder.kind}`) : null,
      row.returnId,
    ]);
  }
  return text;
}

/**
 * A staff member's download of a campaign's late partners: audited (who, which campaign, how
 * many rows: no names, no emails) with the rows it holds.
 */
export async function exportLateReturns(
  current: CurrentUser,
  campaign: CompletenessCampaign,
  lang: Language,
  now: Date,
) {
  const { rows } = await lateReturns(campaign, now, lang);
  await recordAudit(prisma, {
    action: "completeness.late-exported",
    actorUserId: current.user.id,
    targetType: "Campaign",
    targetId: campaign.id,
    details: { rows: rows.length, language: lang },
  });
  return { fileName: lateCsvFileName(lang, campaign.year, now), text: lateCsv(rows, lang) };
}
