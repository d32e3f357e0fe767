// One language's page strings: the browser loads this chunk for the page's language only.
import admin from "../../../../locales/nl/admin.json";
import auth from "../../../../locales/nl/auth.json";
import catalogue from "../../../../locales/nl/catalogue.json";
import common from "../../../../locales/nl/common.json";
import partners from "../../../../locales/nl/partners.json";
import returns from "../../../../locales/nl/returns.json";
import templates from "../../../../locales/nl/templates.json";
import type { PageResources } from "../namespaces";

export const strings: PageResources = {
  common,
  auth,
  catalogue,
  partners,
  returns,
  admin,
  templates,
};
