// A section's form fields: their names and ids from a question's path, and the posted form
// read back into nested answers (a plain form post without JavaScript gives the same).
import type { Question } from "./definition";

/** DOM id of a field, from its path: ["figures", 0, "value"] → "f-figures-0-value". */
export function fieldId(path: readonly (string | number)[]) {
  return `f-${path.join("-")}`;
}

/** Form field name of a path: ["figures", 0, "value"] → "figures.0.value" (react-hook-form's notation). */
export function fieldName(path: readonly (string | number)[]) {
  return path.join(".");
}

/**
 * Rebuilds nested answers from posted form fields named with dot paths. Multi-valued fields
 * (checkboxes) are arrays. Works without JavaScript: this is what a plain form post gives.
 */
export function formDataToObject(
  entries: Iterable<[string, FormDataEntryValue]>,
  multi: (name: string) => boolean,
) {
  const out: Record<string, unknown> = {};
  for (const [name, entry] of entries) {
    if (typeof entry !== "string" || name.startsWith("_")) continue;
    const parts = name.split(".");
    if (
      parts.length > 4 ||
      parts.some((p) => p === "" || p === "__proto__" || p === "constructor" || p === "prototype")
    )
      continue;
    // Field names come from the client: a name that clashes with another's shape ("a" and
    // "a.b", an image button's "x.y", inherited names like "toString") is ignored, never thrown on.
    let node: Record<string, unknown> | undefined = out;
    const last = parts.length - 1;
    for (const part of parts.slice(0, last)) {
      if (!node) break;
      if (!Object.hasOwn(node, part)) node[part] = {};
      const child: unknown = node[part];
      node = isPlainRecord(child) ? child : undefined;
    }
    if (!node) continue;
    const key = parts[last] ?? "";
    const existing = Object.hasOwn(node, key) ? node[key] : undefined;
    if (multi(name)) {
      if (existing === undefined) node[key] = [entry];
      else if (Array.isArray(existing)) existing.push(entry);
    } else if (existing === undefined || typeof existing === "string") {
      node[key] = entry;
    }
  }
  return out;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether a field name (dot path) is multi-valued, according to the definition. */
export function isMultiValued(questions: readonly Question[], name: string): boolean {
  const [first, , nested] = name.split(".");
  const q = questions.find((item) => item.id === first);
  if (!q) return false;
  if (q.kind === "repeatableGroup") {
    const inner = q.questions.find((item) => item.id === nested);
    return Boolean(
      inner &&
      (inner.kind === "multipleChoice" || (inner.kind === "measurePicker" && inner.multiple)),
    );
  }
  return (
    q.kind === "multipleChoice" ||
    q.kind === "attachments" ||
    (q.kind === "measurePicker" && q.multiple)
  );
}
