// The staff campaign page's posts, one intent each: parse, call the use case, and say what the
// page answers (a redirect with a message, a form sent back with its errors and what was typed,
// or a refusal to show). The route only checks the permission and turns this into a response.
import type { Key } from "~/modules/i18n/keys";
import type { CurrentUser } from "~/modules/auth/session.server";
import { prisma } from "~/utils/db.server";
import { fieldErrors } from "~/utils/zod-errors";
import { setFourEyes } from "./campaigns.server";
import { grantExtension, withdrawExtension } from "./extensions.server";
import { generateReturns } from "./generation.server";
import { closeCampaign, openCampaign } from "./lifecycle.server";
import {
  campaignSettingsSchema,
  channelField,
  extensionSchema,
  kindField,
  settingsOf,
  SETTINGS_FIELDS,
} from "./schema";
import { updateCampaignSettings, type AssignmentTarget } from "./settings.server";

export type CampaignRefusal =
  Extract<Key<"campaigns">, `refusals.${string}`> extends `refusals.${infer R}` ? R : never;

export type CampaignActionAnswer =
  | { kind: "redirect"; search: string; opened?: boolean }
  | { kind: "not-found" }
  | {
      kind: "answer";
      status: number;
      body:
        | { refusal: CampaignRefusal; date?: string }
        | {
            form: "settings" | "extension";
            errors: Record<string, string>;
            values: Record<string, string>;
          };
    };

const refused = (refusal: CampaignRefusal, date?: Date): CampaignActionAnswer => ({
  kind: "answer",
  status: 409,
  body: { refusal, date: date?.toISOString() },
});

const formAnswer = (
  form: "settings" | "extension",
  status: number,
  errors: Record<string, string>,
  values: Record<string, string>,
): CampaignActionAnswer => ({ kind: "answer", status, body: { form, errors, values } });

async function campaignStatus(campaignId: string) {
  const campaign = await prisma.campaign.findUnique({
    where: { id: campaignId },
    select: { status: true },
  });
  return campaign?.status ?? null;
}

function fieldOf(target: AssignmentTarget) {
  if (target === "default") return "templateId";
  const [kind, value] = target.split(":") as [string, string];
  return kind === "channel"
    ? channelField(value as Parameters<typeof channelField>[0])
    : kindField(value as Parameters<typeof kindField>[0]);
}

export async function campaignAction(
  campaignId: string,
  form: FormData,
  current: CurrentUser,
): Promise<CampaignActionAnswer> {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  switch (text("intent")) {
    case "open": {
      const result = await openCampaign(campaignId, current);
      switch (result.outcome) {
        case "opened":
          return {
            kind: "redirect",
            search: `?done=opened&count=${result.createdReturns}-${result.createdSections}`,
            opened: true,
          };
        case "not-yet":
          return refused("not-yet", result.opensAt);
        case "due-passed":
          return refused("due-passed");
        case "conflict":
        case "forbidden":
          return refused("conflict");
        case "not-found":
          return { kind: "not-found" };
      }
      break;
    }
    case "close": {
      // The first post asks for confirmation (a page that works without JavaScript).
      if (text("confirm") !== "yes") return { kind: "redirect", search: "?confirm=close#close" };
      const result = await closeCampaign(campaignId, current);
      if (result.outcome === "closed") return { kind: "redirect", search: "?done=closed" };
      if (result.outcome === "not-found") return { kind: "not-found" };
      return refused("conflict");
    }
    case "settings": {
      const values = Object.fromEntries(SETTINGS_FIELDS.map((f) => [f, text(f)]));
      const parsed = campaignSettingsSchema.safeParse(values);
      if (!parsed.success) return formAnswer("settings", 400, fieldErrors(parsed.error), values);
      const result = await updateCampaignSettings(campaignId, settingsOf(parsed.data), current);
      switch (result.outcome) {
        case "saved":
          return { kind: "redirect", search: "?done=settings#settings" };
        case "assignment-locked":
          return formAnswer(
            "settings",
            409,
            { [fieldOf(result.target)]: "errors.assignmentLocked" satisfies Key<"campaigns"> },
            values,
          );
        case "template-not-published":
          return formAnswer(
            "settings",
            400,
            { templateId: "errors.template" satisfies Key<"campaigns"> },
            values,
          );
        case "closed":
          return refused("closed");
        case "not-found":
          return { kind: "not-found" };
        default:
          return refused("conflict");
      }
    }
    case "extension": {
      const values = { returnId: text("returnId"), dueDay: text("dueDay"), reason: text("reason") };
      const parsed = extensionSchema.safeParse(values);
      if (!parsed.success) return formAnswer("extension", 400, fieldErrors(parsed.error), values);
      const result = await grantExtension({ ...parsed.data, campaignId }, current);
      switch (result.outcome) {
        case "granted":
          return { kind: "redirect", search: "?done=extension#extensions" };
        case "reason-required":
          return formAnswer("extension", 400, { reason: "errors.reason" }, values);
        case "date-too-early":
          return formAnswer("extension", 400, { dueDay: "errors.extensionDate" }, values);
        case "already-sent":
          return refused("already-sent");
        case "not-open":
          return refused("not-open");
        case "not-found":
          return formAnswer("extension", 400, { returnId: "errors.return" }, values);
        default:
          return refused("conflict");
      }
    }
    case "withdraw-extension": {
      const result = await withdrawExtension(text("returnId").slice(0, 64), current, campaignId);
      if (result.outcome === "withdrawn")
        return {
          kind: "redirect",
          search: `?done=withdrawn&count=${result.notified}#extensions`,
        };
      if (result.outcome === "no-extension") return refused("no-extension");
      if (result.outcome === "not-open") return refused("not-open");
      return { kind: "not-found" };
    }
    case "four-eyes": {
      // An unticked checkbox sends nothing: absent means off.
      const result = await setFourEyes(campaignId, form.get("fourEyes") === "on", current.user.id);
      if (result.outcome === "not-found") return { kind: "not-found" };
      return { kind: "redirect", search: "?saved=four-eyes#four-eyes" };
    }
    case "generate": {
      // A draft's returns come with its opening; a closed campaign takes no new ones.
      if ((await campaignStatus(campaignId)) !== "OPEN") return refused("conflict");
      const result = await generateReturns(campaignId, current.user.id);
      return {
        kind: "redirect",
        search: `?done=generated&count=${result.createdReturns}-${result.createdSections}`,
      };
    }
  }
  return { kind: "not-found" };
}
