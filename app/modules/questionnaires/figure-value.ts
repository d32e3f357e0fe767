// What a figure's number may be, wherever a figure is given: a row of a return's figures table
// (check-answers.ts) and a figure column of the historical import (contributions/plan.ts), so
// the dataset holds the same numbers whichever way they came in. Zero or more: figures count
// or measure what was done. At most a million million: beyond is a slip of the keyboard, and
// past 15 digits a number is no longer kept as typed (99999999999999999999 reads 1e20).
import { z } from "zod";

export const MAX_FIGURE_VALUE = 1_000_000_000_000;

export const figureValueSchema = z.number().min(0).max(MAX_FIGURE_VALUE);

/** Why a figure's number is refused: below 0 ("min"), above MAX_FIGURE_VALUE ("max"); else null. */
export function figureValueProblem(value: number): "min" | "max" | null {
  if (figureValueSchema.safeParse(value).success) return null;
  return value < 0 ? "min" : "max";
}
