// One language's page strings: the browser loads this chunk for the page's language only.
import admin from "../../../../locales/nl/admin.json";
import auth from "../../../../locales/nl/auth.json";
import catalogue from "../../../../locales/nl/catalogue.json";
import common from "../../../../locales/nl/common.json";
import partners from "../../../../locales/nl/partners.json";
import returns from "../../../../locales/nl/returns.json";
import templates from "../../../../locales/nl/templates.json";
import campaigns from "../../../../locales/nl/campaigns.json";
import reminders from "../../../../locales/nl/reminders.json";
import completeness from "../../../../locales/nl/completeness.json";
import directory from "../../../../locales/nl/directory.json";
import imports from "../../../../locales/nl/imports.json";
import reports from "../../../../locales/nl/reports.json";
import api from "../../../../locales/nl/api.json";
import screening from "../../../../locales/nl/screening.json";
import contributions from "../../../../locales/nl/contributions.json";
import editions from "../../../../locales/nl/editions.json";
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
