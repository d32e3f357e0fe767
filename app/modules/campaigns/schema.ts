import { z } from "zod";
import type { FundingChannel, OrganisationKind } from "~/generated/prisma/enums";
import type { Key } from "~/modules/i18n/keys";

/** Messages are keys of the campaigns strings, checked by tsc. */
const error = (key: Key<"campaigns">) => ({ error: key });

const isoDate = z.iso.date(error("errors.date"));

export const FUNDING_CHANNELS: readonly FundingChannel[] = [
  "FSE",
  "PBPP",
  "LISA",
  "REGIONAL",
  "ASBL_CALL",
  "ASBL_OUTSIDE_CALL",
];
export const ORGANISATION_KINDS: readonly OrganisationKind[] = [
  "POLICE_ZONE",
  "COMMUNE",
  "LISA_ANTENNA",
  "REGIONAL_BODY",
  "NON_PROFIT",
];

/** The form field of one assignment: "channel_ASBL_CALL", "kind_COMMUNE". */
export const channelField = (channel: FundingChannel) => `channel_${channel}` as const;
export const kindField = (kind: OrganisationKind) => `kind_${kind}` as const;

/** Empty: no grace period (late returns accepted until closing); else 0 to 90 days. */
const graceDays = z
  .string()
  .trim()
  .refine((v) => v === "" || (/^\d{1,2}$/.test(v) && Number(v) <= 90), error("errors.graceDays"))
  .transform((v) => (v === "" ? null : Number(v)));

/** A template for a channel or a kind; empty: the default applies. */
const assignment = z.string().trim().max(64, error("errors.template")).default("");

const assignmentShape = Object.fromEntries([
  ...FUNDING_CHANNELS.map((c) => [channelField(c), assignment]),
  ...ORGANISATION_KINDS.map((k) => [kindField(k), assignment]),
]) as Record<`channel_${FundingChannel}` | `kind_${OrganisationKind}`, typeof assignment>;

const settingsShape = {
  titleFr: z.string().trim().min(3, error("errors.title")).max(200, error("errors.title")),
  titleNl: z.string().trim().min(3, error("errors.title")).max(200, error("errors.title")),
  opensAt: isoDate,
  dueAt: isoDate,
  graceDays,
  /** The default questionnaire: every organisation without a channel or kind assignment. */
  templateId: z.string().trim().min(1, error("errors.template")).max(64, error("errors.template")),
  ...assignmentShape,
};

const dueAfterOpening = (v: { opensAt: string; dueAt: string }) => v.dueAt > v.opensAt;

/** Creating a campaign: one schema for the browser and the action. Messages are i18n keys. */
export const createCampaignSchema = z
  .object({
    year: z.coerce
      .number(error("errors.year"))
      .int(error("errors.year"))
      .min(2015, error("errors.year"))
      .max(2100, error("errors.year")),
    ...settingsShape,
  })
  .refine(dueAfterOpening, { path: ["dueAt"], ...error("errors.dueBeforeOpen") });

/** A campaign's settings, while it is a draft or open. */
export const campaignSettingsSchema = z
  .object(settingsShape)
  .refine(dueAfterOpening, { path: ["dueAt"], ...error("errors.dueBeforeOpen") });

export interface TemplateAssignment {
  channel: FundingChannel | null;
  kind: OrganisationKind | null;
  templateId: string;
}

/** What the use cases take: the form's fields, assignments as a list (none: the default only). */
export interface CampaignSettings {
  titleFr: string;
  titleNl: string;
  opensAt: string;
  dueAt: string;
  templateId: string;
  graceDays?: number | null;
  assignments?: TemplateAssignment[];
}
export interface CreateCampaignInput extends CampaignSettings {
  year: number;
}

/** What the settings form holds: every field as typed. */
export type CampaignSettingsForm = z.input<typeof campaignSettingsSchema>;
export type CampaignSettingsParsed = z.output<typeof campaignSettingsSchema>;

/** A parsed form as the use cases take it. */
export function settingsOf(parsed: z.output<typeof campaignSettingsSchema>): CampaignSettings {
  return {
    titleFr: parsed.titleFr,
    titleNl: parsed.titleNl,
    opensAt: parsed.opensAt,
    dueAt: parsed.dueAt,
    templateId: parsed.templateId,
    graceDays: parsed.graceDays,
    assignments: assignmentsOf(parsed),
  };
}

/** The assignments a parsed form names, without the empty ones. */
export function assignmentsOf(input: Record<string, unknown>): TemplateAssignment[] {
  return [
    ...FUNDING_CHANNELS.map((channel) => ({
      channel,
      kind: null,
      templateId: String(input[channelField(channel)] ?? ""),
    })),
    ...ORGANISATION_KINDS.map((kind) => ({
      channel: null,
      kind,
      templateId: String(input[kindField(kind)] ?? ""),
    })),
  ].filter((a) => a.templateId !== "");
}

/** Every field name of the settings form, to read it from FormData. */
export const SETTINGS_FIELDS = Object.keys(settingsShape) as (keyof typeof settingsShape)[];

/** Giving one return more time. */
export const extensionSchema = z.object({
  returnId: z.string().trim().min(1, error("errors.return")).max(64, error("errors.return")),
  dueDay: isoDate,
  reason: z.string().trim().min(3, error("errors.reason")).max(1000, error("errors.reason")),
});
export type ExtensionInput = z.output<typeof extensionSchema>;
