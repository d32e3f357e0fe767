import type { Question } from "./definition";

/** Conditional visibility: hidden questions are neither validated nor kept at submission. */
export function isVisible(q: Question, values: Record<string, unknown>) {
  if (!q.visibleWhen) return true;
  const other = values[q.visibleWhen.question];
  const expected = q.visibleWhen.equals;
  if (typeof expected === "boolean") return other === (expected ? "yes" : "no");
  const accepted = [expected].flat();
  return Array.isArray(other)
    ? other.some((v) => accepted.includes(v))
    : accepted.includes(other as string);
}
