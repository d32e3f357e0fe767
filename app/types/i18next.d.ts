// UI strings are typed from the French files (the NL files must have the same keys: a unit test
// checks it), so t("a.missing.key") fails `tsc`.
import type admin from "../../locales/fr/admin.json";
import type auth from "../../locales/fr/auth.json";
import type catalogue from "../../locales/fr/catalogue.json";
import type common from "../../locales/fr/common.json";
import type emails from "../../locales/fr/emails.json";
import type partners from "../../locales/fr/partners.json";
import type returns from "../../locales/fr/returns.json";
import type templates from "../../locales/fr/templates.json";
import type campaigns from "../../locales/fr/campaigns.json";
import type reminders from "../../locales/fr/reminders.json";
import type completeness from "../../locales/fr/completeness.json";
import type directory from "../../locales/fr/directory.json";
import type imports from "../../locales/fr/imports.json";
import type reports from "../../locales/fr/reports.json";
import type api from "../../locales/fr/api.json";
import type screening from "../../locales/fr/screening.json";
import type contributions from "../../locales/fr/contributions.json";
import type editions from "../../locales/fr/editions.json";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    resources: {
      common: typeof common;
      auth: typeof auth;
      catalogue: typeof catalogue;
      partners: typeof partners;
      emails: typeof emails;
      returns: typeof returns;
      admin: typeof admin;
      templates: typeof templates;
      campaigns: typeof campaigns;
      reminders: typeof reminders;
      completeness: typeof completeness;
      directory: typeof directory;
      imports: typeof imports;
      reports: typeof reports;
      api: typeof api;
      screening: typeof screening;
      contributions: typeof contributions;
      editions: typeof editions;
    };
  }
}
