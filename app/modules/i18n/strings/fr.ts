// One language's page strings: the browser loads this chunk for the page's language only.
import admin from "../../../../locales/fr/admin.json";
import auth from "../../../../locales/fr/auth.json";
import catalogue from "../../../../locales/fr/catalogue.json";
import common from "../../../../locales/fr/common.json";
import partners from "../../../../locales/fr/partners.json";
import returns from "../../../../locales/fr/returns.json";
import templates from "../../../../locales/fr/templates.json";
import campaigns from "../../../../locales/fr/campaigns.json";
import reminders from "../../../../locales/fr/reminders.json";
import completeness from "../../../../locales/fr/completeness.json";
import directory from "../../../../locales/fr/directory.json";
import imports from "../../../../locales/fr/imports.json";
import reports from "../../../../locales/fr/reports.json";
import api from "../../../../locales/fr/api.json";
import screening from "../../../../locales/fr/screening.json";
import contributions from "../../../../locales/fr/contributions.json";
import editions from "../../../../locales/fr/editions.json";
import type { PageResources } from "../namespaces";

export const strings: PageResources = {
  common,
  auth,
  catalogue,
  partners,
  returns,
  admin,
  templates,
  campaigns,
  reminders,
  completeness,
  directory,
  imports,
  reports,
  api,
  screening,
  contributions,
  editions,
};
