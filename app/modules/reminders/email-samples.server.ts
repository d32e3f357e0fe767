// Sample payloads for the email preview page (staff): every message a campaign sends, in FR or
// NL, rendered by the real templates. Invented names; links point at a sample return page and
// never carry a token.
import { renderEmail, type TemplateName } from "~/modules/mail/templates.server";
import { env } from "~/utils/env.server";
import type { PreviewTemplate, ReminderVariant as Variant } from "./email-templates";

function samples(lang: "fr" | "nl", variant: Variant) {
  const fr = lang === "fr";
  const organisationName = fr ? "ASBL Exemple" : "vzw Voorbeeld";
  const campaignTitle = fr ? "Rapport annuel PGSP 2024" : "GVPP-jaarverslag 2024";
  const displayName = fr ? "Camille Exemple" : "Jan Voorbeeld";
  const link = `${env.publicUrl}/${lang}/partner/returns/sample`;
  const common = { displayName, organisationName, campaignTitle };
  return {
    invitation: { ...common, dueDay: "2025-03-31", completed: 0, total: 6, link },
    reminder: {
      ...common,
      variant,
      escalation: variant === "after",
      audience: "partner",
      dueDay: "2025-03-31",
      completed: 4,
      total: 6,
      link,
    },
    "review-waiting": {
      ...common,
      submittedDay: "2025-03-20",
      waitingDays: 14,
      link: `${env.publicUrl}/${lang}/staff/returns/sample`,
    },
    "staff-digest": {
      displayName,
      weekOf: "2025-04-07",
      queue: { waiting: 12, oldestDays: 16 },
      campaigns: [{ title: campaignTitle, overdue: 3, partners: [organisationName] }],
      bounced: 1,
      queueLink: `${env.publicUrl}/${lang}/staff/review`,
      outboxLink: `${env.publicUrl}/${lang}/staff/outbox`,
    },
    "return-receipt": {
      ...common,
      submittedAt: "2025-03-20T14:30:00.000Z",
      sections: [fr ? "Identification" : "Identificatie"],
      link,
    },
    "changes-requested": {
      ...common,
      sections: [
        {
          title: fr ? "Mesure 2.1" : "Maatregel 2.1",
          note: fr ? "Merci de préciser le public." : "Gelieve het publiek te verduidelijken.",
        },
      ],
      link,
    },
    "return-approved": { ...common, approvedAt: "2025-04-02T10:00:00.000Z", link },
    "return-reopened": {
      ...common,
      reason: fr ? "Un chiffre est à corriger." : "Een cijfer moet verbeterd worden.",
      reasonLanguage: lang,
      link,
    },
  } satisfies Partial<Record<TemplateName, unknown>>;
}

export function renderSample(template: PreviewTemplate, lang: "fr" | "nl", variant: Variant) {
  return renderEmail(template, lang, samples(lang, variant)[template]);
}
