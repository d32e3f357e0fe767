// A return's history for staff: its audit rows (all targeted at the return, see
// recordReturnAudit), oldest first, each naming its section in the reader's language. Sections
// are named from the codes kept in the row, so a removed contribution is still named.
import type { ReturnAuditAction } from "~/modules/audit/audit.server";
import { can } from "~/modules/auth/permissions";
import type { CurrentUser } from "~/modules/auth/session.server";
import { getFixedT } from "~/modules/i18n/i18n.server";
import type { Language } from "~/modules/i18n/languages";
import { readDefinition } from "~/modules/questionnaires/templates.server";
import { sectionTitle } from "./titles";
import { SectionDecisionKind } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";

/** A return with years of edits stays far below this; the newest are kept if it is reached. */
const MAX_EVENTS = 1000;

export type HistoryActor =
  { kind: "user"; name: string } | { kind: "deleted" } | { kind: "system" };

export interface ReturnHistoryEntry {
  id: string;
  at: Date;
  action: ReturnAuditAction;
  actor: HistoryActor;
  /** The section's title in the reader's language, for section, contribution and file events. */
  section: string | null;
  late: boolean;
  createdSections: number;
  returnCreated: boolean;
  /** A reviewer's decision on the section, for decision events. */
  decision: SectionDecisionKind | null;
  /** Contributions an approval wrote to the central dataset. */
  entries: number | null;
  /** Why an administrator reopened it, as written (kept in the review conversation). */
  reason: { text: string; language: Language } | null;
  /** How many sections a sending back named. */
  sectionsSentBack: number | null;
  /** Who wrote a comment of the review conversation (section named in `section`, else general). */
  commentSide: "STAFF" | "PARTNER" | null;
  /** The Brussels due day an extension set or withdrew ("YYYY-MM-DD"). */
  dueDay: string | null;
}

interface StoredDetails {
  templateSection?: unknown;
  measureCode?: unknown;
  missionCode?: unknown;
  automatic?: unknown;
  late?: unknown;
  dueDay?: unknown;
  createdSections?: unknown;
  returnCreated?: unknown;
  decision?: unknown;
  entries?: unknown;
  reasonCommentId?: unknown;
  sectionIds?: unknown;
  side?: unknown;
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/**
 * A measure's title cut to its start: measure titles run to 400 characters, and the page
 * above the history already lists every section in full.
 */
export function shortTitle(title: string, max = 70) {
  if (title.length <= max) return title;
  const cut = title.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "")}…`;
}

/** The history of one return, for staff; null when there is no such return or no right to it. */
export async function returnHistory(
  current: Pick<CurrentUser, "roles">,
  returnId: string,
  lang: Language,
): Promise<ReturnHistoryEntry[] | null> {
  if (!can(current.roles, "return:read-any")) return null;
  const annualReturn = await prisma.annualReturn.findUnique({
    where: { id: returnId },
    select: {
      template: true,
      campaign: {
        select: {
          plan: {
            select: {
              measures: { select: { code: true, titleFr: true, titleNl: true } },
              transversalMissions: { select: { code: true, titleFr: true, titleNl: true } },
            },
          },
        },
      },
    },
  });
  if (!annualReturn) return null;
  const { template } = annualReturn;
  const { plan } = annualReturn.campaign;
  const definition = readDefinition(template);
  const short = (m: { code: string; titleFr: string; titleNl: string }) =>
    [m.code, { ...m, titleFr: shortTitle(m.titleFr), titleNl: shortTitle(m.titleNl) }] as const;
  const measures = new Map(plan.measures.map(short));
  const missions = new Map(plan.transversalMissions.map(short));
  const t = getFixedT(lang, "returns");

  const events = await prisma.auditEvent.findMany({
    where: { targetType: "AnnualReturn", targetId: returnId, action: { startsWith: "return." } },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: MAX_EVENTS,
    select: {
      id: true,
      occurredAt: true,
      action: true,
      actorUserId: true,
      details: true,
      actor: { select: { displayName: true } },
    },
  });

  const nameSection = (details: StoredDetails) => {
    const templateSection = text(details.templateSection);
    if (!templateSection) return null;
    const measureCode = text(details.measureCode);
    const missionCode = text(details.missionCode);
    // A code the plan no longer knows is still shown, as the code itself.
    const codeOnly = (code: string) => ({ code, titleFr: "…", titleNl: "…" });
    return sectionTitle(
      {
        templateSection,
        measure: measureCode ? (measures.get(measureCode) ?? codeOnly(measureCode)) : null,
        mission: missionCode ? (missions.get(missionCode) ?? codeOnly(missionCode)) : null,
      },
      definition,
      lang,
      t,
    );
  };

  const detailsOf = (event: (typeof events)[number]) =>
    (event.details && typeof event.details === "object" && !Array.isArray(event.details)
      ? event.details
      : {}) as StoredDetails;
  // The audit row names a reopening's reason; its words are in the review conversation.
  const reasonIds = events.flatMap((e) => text(detailsOf(e).reasonCommentId) ?? []);
  const reasons = new Map(
    reasonIds.length === 0
      ? []
      : (
          await prisma.reviewComment.findMany({
            where: { id: { in: reasonIds }, returnId },
            select: { id: true, body: true, language: true },
          })
        ).map((c) => [c.id, { text: c.body, language: c.language }] as const),
  );

  return events.reverse().map((event) => {
    const details = detailsOf(event);
    const actor: HistoryActor = event.actor
      ? { kind: "user", name: event.actor.displayName }
      : details.automatic === true
        ? { kind: "system" }
        : { kind: "deleted" };
    return {
      id: event.id,
      at: event.occurredAt,
      action: event.action as ReturnAuditAction,
      actor,
      section: nameSection(details),
      late: details.late === true,
      createdSections: typeof details.createdSections === "number" ? details.createdSections : 0,
      returnCreated: details.returnCreated === true,
      decision: Object.values(SectionDecisionKind).find((d) => d === details.decision) ?? null,
      entries: typeof details.entries === "number" ? details.entries : null,
      reason: reasons.get(text(details.reasonCommentId) ?? "") ?? null,
      sectionsSentBack: Array.isArray(details.sectionIds) ? details.sectionIds.length : null,
      commentSide: details.side === "STAFF" || details.side === "PARTNER" ? details.side : null,
      dueDay: text(details.dueDay) ?? null,
    };
  });
}
