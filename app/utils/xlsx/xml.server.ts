// Text as SpreadsheetML holds it: XML 1.0 escaped, characters XML 1.0 does not allow removed.

// Not allowed in XML 1.0 (C0 controls but tab, line feed and carriage return; U+FFFE and
// U+FFFF; half of a UTF-16 pair alone), plus DEL, which Excel does not show either (exceljs
// removed the same).
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- the control characters are the point.
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// What is escaped in a text node: markup, and "_xHHHH_", which Excel reads as the character
// HHHH (ECMA-376 ST_Xstring): its underscore is itself written "_x005F_".
const SPECIAL = /[&<>]|_x[0-9A-Fa-f]{4}_/g;
// eslint-disable-next-line no-control-regex -- as NOT_XML, for a quick test.
const ANY = /[&<>\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uD800-\uDFFF\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;

const escapeSpecial = (match: string) =>
  match === "&" ? "&amp;" : match === "<" ? "&lt;" : match === ">" ? "&gt;" : `_x005F${match}`;

/** Text for an element's content (a cell's `<t>`). */
export function xmlText(text: string): string {
  if (!ANY.test(text)) return text;
  return text.replace(NOT_XML, "").replace(SPECIAL, escapeSpecial);
}

/** Text for an attribute's value between double quotes. */
export function xmlAttribute(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/**
 * Whether a text's spaces must be kept explicitly: it starts or ends with XML white space (or
 * a control character), or holds a line break.
 */
export const keepsSpaces = (text: string) =>
  text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32 || text.includes("\n");
