// UI strings live in locales/<lang>/<namespace>.json. Server side: all of them, both languages
// (emails, error messages, server render). Pages load theirs through strings.ts.
import frEmails from "../../../locales/fr/emails.json";
import nlEmails from "../../../locales/nl/emails.json";
import type { Language } from "./languages";
import type { Resources } from "./namespaces";
import { strings as fr } from "./strings/fr";
import { strings as nl } from "./strings/nl";

export { namespaces, type Namespace, type Resources } from "./namespaces";

export const resources: Record<Language, Resources> = {
  fr: { ...fr, emails: frEmails },
  nl: { ...nl, emails: nlEmails },
};
