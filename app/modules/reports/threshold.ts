// The small-count threshold's rule, shared by the admin form and its action: a whole number
// from 0 (off) to 100.
import { z } from "zod";

export const MAX_SMALL_COUNT_THRESHOLD = 100;

export const thresholdSchema = z.coerce.number().int().min(0).max(MAX_SMALL_COUNT_THRESHOLD);

/** The form's field, trimmed; an empty field is not 0 (a mistake, not "off"). */
export function parseThreshold(value: FormDataEntryValue | null): number | null {
  const text = typeof value === "string" ? value.trim() : "";
  if (!/^\d{1,3}$/.test(text)) return null;
  const parsed = thresholdSchema.safeParse(text);
  return parsed.success ? parsed.data : null;
}
