// The posted code of the three second-factor pages (verify, recovery, setup): read and checked
// the same way, refused with the same answers.
import { data } from "react-router";
import type { z } from "zod";
import type { Key } from "~/modules/i18n/keys";
import { readFormData } from "~/utils/multipart.server";
import { fieldErrors } from "~/utils/zod-errors";
import { SECOND_FACTOR_FORM_BYTES } from "./second-factor.server";
import type { SecondFactorFailure } from "./totp.server";

type CodeValues = { code: string };

/** The code as typed (given back with any error) and, if well-formed, as checked. */
export async function readSecondFactorCode(
  request: Request,
  schema: z.ZodType<CodeValues, unknown>,
) {
  const form = await readFormData(request, SECOND_FACTOR_FORM_BYTES);
  const values: CodeValues = { code: String(form.get("code") ?? "") };
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    return {
      code: null,
      refusal: data({ errors: fieldErrors(parsed.error), values }, { status: 400 }),
    } as const;
  }
  return { code: parsed.data.code, values } as const;
}

/** A code that did not prove the factor: wrong (400), or too many tries (429). */
export function refusedSecondFactorCode(
  reason: SecondFactorFailure,
  values: CodeValues,
  wrongCode: Key<"auth">,
) {
  const locked = reason === "locked";
  const code: Key<"auth"> = locked ? "errors.secondFactorLocked" : wrongCode;
  return data({ errors: { code }, values }, { status: locked ? 429 : 400 });
}
