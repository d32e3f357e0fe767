import { data } from "react-router";
import { isLanguage, type Language } from "./languages";

/** The language segment of the URL; anything but fr/nl is a 404. */
export function langParam(params: { lang?: string }): Language {
  if (!isLanguage(params.lang)) throw data({ error: "not-found" }, { status: 404 });
  return params.lang;
}
