// What the staff campaign page shows, in the page's language: the campaign and its state, the
// settings as the form holds them (Brussels days), the questionnaires per channel and kind
// (with those fixed by generated returns), extensions, the generation preview and the returns.
import { localized, type Language } from "~/modules/i18n/languages";
import { brusselsDay } from "~/modules/returns/deadlines";
import { deadlineMarker, dueDateOf, isSubmitted, sentLateMarker } from "~/modules/returns/status";
import { getCampaign, publishedTemplates } from "./campaigns.server";
import { planGeneration } from "./generation.server";
import {
  channelField,
  FUNDING_CHANNELS,
  kindField,
  ORGANISATION_KINDS,
  type CampaignSettingsForm,
} from "./schema";
import { lockedTargets } from "./settings.server";

export async function campaignPage(campaignId: string, lang: Language) {
  const campaign = await getCampaign(campaignId);
  if (!campaign) return null;
  const [plan, templates, locked] = await Promise.all([
    planGeneration(campaign.id),
    publishedTemplates(),
    lockedTargets(campaign.id),
  ]);
  const settings: Record<string, string> = {
    titleFr: campaign.titleFr,
    titleNl: campaign.titleNl,
    opensAt: brusselsDay(campaign.opensAt),
    dueAt: brusselsDay(campaign.dueAt),
    graceDays: campaign.graceDays === null ? "" : String(campaign.graceDays),
    templateId: campaign.templateId,
  };
  for (const channel of FUNDING_CHANNELS) settings[channelField(channel)] = "";
  for (const kind of ORGANISATION_KINDS) settings[kindField(kind)] = "";
  for (const a of campaign.templateAssignments)
    settings[a.channel ? channelField(a.channel) : kindField(a.kind!)] = a.templateId;
  return {
    campaign: {
      id: campaign.id,
      title: localized(campaign, "title", lang),
      year: campaign.year,
      status: campaign.status,
      opensAt: campaign.opensAt,
      dueAt: campaign.dueAt,
      graceDays: campaign.graceDays,
      openedAt: campaign.openedAt,
      closedAt: campaign.closedAt,
      dueDay: brusselsDay(campaign.dueAt),
      template: `${campaign.template.key} v${campaign.template.version}`,
      templateId: campaign.template.id,
      fourEyes: campaign.fourEyes,
    },
    settings: settings as CampaignSettingsForm,
    templates: templates.map((t) => ({
      id: t.id,
      label: `${localized(t, "title", lang)} (${t.key} v${t.version})`,
    })),
    locked: [...locked],
    returns: campaign.returns.map((r) => ({
      id: r.id,
      organisation: localized(r.organisation, "name", lang),
      kind: r.organisation.kind,
      status: r.status,
      marker: deadlineMarker(r, campaign) ?? sentLateMarker(r.submittedAt, dueDateOf(r, campaign)),
      completed: r.sections.filter((s) => s.status === "COMPLETED").length,
      total: r.sections.length,
      sent: isSubmitted(r),
    })),
    extensions: campaign.returns
      .filter((r) => r.extendedDueAt)
      .map((r) => ({
        returnId: r.id,
        organisation: localized(r.organisation, "name", lang),
        dueAt: r.extendedDueAt!,
        reason: r.extensionReason ?? "",
        grantedBy: r.extensionGrantedBy?.displayName ?? null,
        sent: isSubmitted(r),
      })),
    unsent: campaign.returns.filter((r) => !isSubmitted(r)).length,
    preview: plan.returns
      .filter((r) => r.missingSlotKeys.length > 0 || r.warnings.length > 0)
      .map((r) => ({
        organisation: localized(r.organisation, "name", lang),
        isNew: !r.existingReturnId,
        missing: r.blocks
          .filter((b) => r.missingSlotKeys.includes(b.slotKey))
          .map((b) => ({
            slotKey: b.slotKey,
            kind: b.kind,
            measureCode: b.measureCode ?? null,
            missionCode: b.missionCode ?? null,
            origin: b.origin,
            link: b.measureLink ?? null,
          })),
        warnings: r.warnings,
      })),
    totals: plan.totals,
  };
}

export type CampaignPageData = NonNullable<Awaited<ReturnType<typeof campaignPage>>>;
