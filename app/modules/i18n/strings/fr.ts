// One language's page strings: the browser loads this chunk for the page's language only.
import admin from "../../../../locales/fr/admin.json";
import auth from "../../../../locales/fr/auth.json";
import catalogue from "../../../../locales/fr/catalogue.json";
import common from "../../../../locales/fr/common.json";
import partners from "../../../../locales/fr/partners.json";
import returns from "../../../../locales/fr/returns.json";
import templates from "../../../../locales/fr/templates.json";
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
