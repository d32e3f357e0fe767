// UI strings live in locales/<lang>/<namespace>.json. The server imports them all; a page
// receives only its language's strings through the root loader (nothing in the JS bundle).
import frAdmin from "../../../locales/fr/admin.json";
import frAuth from "../../../locales/fr/auth.json";
import frCatalogue from "../../../locales/fr/catalogue.json";
import frCommon from "../../../locales/fr/common.json";
import frEmails from "../../../locales/fr/emails.json";
import frPartners from "../../../locales/fr/partners.json";
import frReturns from "../../../locales/fr/returns.json";
import frTemplates from "../../../locales/fr/templates.json";
import nlAdmin from "../../../locales/nl/admin.json";
import nlAuth from "../../../locales/nl/auth.json";
import nlCatalogue from "../../../locales/nl/catalogue.json";
import nlCommon from "../../../locales/nl/common.json";
import nlEmails from "../../../locales/nl/emails.json";
import nlPartners from "../../../locales/nl/partners.json";
import nlReturns from "../../../locales/nl/returns.json";
import nlTemplates from "../../../locales/nl/templates.json";
import type { Language } from "./languages";

export const namespaces = [
  "common",
  "auth",
  "catalogue",
  "partners",
  "emails",
  "returns",
  "admin",
  "templates",
] as const;
export type Namespace = (typeof namespaces)[number];
export type Resources = Record<Namespace, Record<string, unknown>>;

export const resources: Record<Language, Resources> = {
  fr: {
    common: frCommon,
    auth: frAuth,
    catalogue: frCatalogue,
    partners: frPartners,
    emails: frEmails,
    returns: frReturns,
    admin: frAdmin,
    templates: frTemplates,
  },
  nl: {
    common: nlCommon,
    auth: nlAuth,
    catalogue: nlCatalogue,
    partners: nlPartners,
    emails: nlEmails,
    returns: nlReturns,
    admin: nlAdmin,
    templates: nlTemplates,
  },
};
