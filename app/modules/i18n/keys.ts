// UI strings are typed from the French files (app/types/i18next.d.ts): t("a.missing.key") fails
// tsc. A key chosen at run time comes from a map or a union typed with Key, so tsc checks every
// key it can be.
import type { ParseKeys } from "i18next";
import type { Namespace } from "./namespaces";

/** A key of namespace N's strings. */
export type Key<N extends Namespace = "common"> = ParseKeys<N>;

/**
 * Options for a key that arrives as data: a schema's message in an action's answer, an answer's
 * error. tsc checks those keys where they are written (the schemas, answerError), not where they
 * are shown, as plain strings; an unknown one shows as itself, as i18next does.
 */
export const shownAsData = (key: string) => ({ defaultValue: key });
