// An email about a return to each of its organisation's report contacts, in the contact's
// language, written in the caller's transaction (outbox): approval, reopening, sending back,
// an extension granted or withdrawn. Every such email greets the contact by name and names the
// partner and the campaign; the rest is the caller's.
import type { Prisma } from "~/generated/prisma/client";
import type { Language } from "~/modules/i18n/languages";
import { enqueueEmail } from "~/modules/mail/outbox.server";
import type { TemplateName } from "~/modules/mail/templates.server";
import { reportContactsOf } from "~/modules/organisations/contacts.server";
import type { Tx } from "~/utils/db.server";

/** The return an email is about: whose it is and which campaign's. */
export interface ReturnEmailed {
  organisationId: string;
  organisation: { nameFr: string; nameNl: string };
  campaign: { titleFr: string; titleNl: string };
}

/**
 * Enqueues `template` to every report contact of the return's organisation. `dedupeKey`
 * names what the email is about (its recipient is appended): enqueuing twice keeps one.
 * Returns how many contacts were written to.
 */
export async function emailReturnContacts(
  tx: Tx,
  annualReturn: ReturnEmailed,
  email: {
    template: TemplateName;
    dedupeKey: string;
    /** The link the email leads to, in the contact's language. */
    link: (lang: Language) => string;
    /** What the template needs besides the greeting, the partner, the campaign and the link. */
    payload: (lang: Language) => Record<string, Prisma.InputJsonValue>;
  },
): Promise<number> {
  const contacts = await reportContactsOf(tx, annualReturn.organisationId);
  for (const contact of contacts) {
    const lang = contact.language;
    await enqueueEmail(tx, {
      purpose: email.template,
      dedupeKey: `${email.dedupeKey}:${contact.email}`,
      template: email.template,
      to: contact.email,
      language: lang,
      payload: {
        displayName: contact.displayName,
        organisationName:
          lang === "nl" ? annualReturn.organisation.nameNl : annualReturn.organisation.nameFr,
        campaignTitle:
          lang === "nl" ? annualReturn.campaign.titleNl : annualReturn.campaign.titleFr,
        ...email.payload(lang),
        link: email.link(lang),
      },
    });
  }
  return contacts.length;
}
