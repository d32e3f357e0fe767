// Who may change the directory, and the shared answers of its use cases.
import type { CurrentUser } from "~/modules/auth/session.server";
import { can } from "~/modules/auth/permissions";
import type { Key } from "~/modules/i18n/keys";

/** Staff administrators keep the directory; reviewers only read it. */
export function managesDirectory(current: Pick<CurrentUser, "roles">) {
  return can(current.roles, "directory:manage");
}

/** Field errors as directory keys: a form shows them beside the fields, values kept. */
export type DirectoryFieldErrors = Partial<Record<string, Key<"directory">>>;

/** Either the id is not there, or this person may not change it: the same answer (404). */
export type NotFound = { outcome: "not-found" };
export type Invalid = { outcome: "invalid"; errors: DirectoryFieldErrors };

/** The names of the fields whose value differs: what an audit row says changed. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): string[] {
  return Object.keys(after).filter((key) => {
    const a = before[key];
    const b = after[key];
    if (Array.isArray(a) && Array.isArray(b))
      return [...a].sort().join("\u0000") !== [...b].sort().join("\u0000");
    if (a instanceof Date || b instanceof Date)
      return (a as Date | null)?.getTime() !== (b as Date | null)?.getTime();
    return (a ?? null) !== (b ?? null);
  });
}

/** The Prisma code of a failed query (P2002: a unique constraint refused the row). */
export function prismaErrorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error
    ? String((error as { code: unknown }).code)
    : undefined;
}
