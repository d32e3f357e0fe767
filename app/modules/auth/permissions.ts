// The permission matrix, as data. Every loader and action asks it first.
// Partner members are additionally scoped to their own organisations by the queries.

export type Role = "PARTNER_MEMBER" | "STAFF_REVIEWER" | "STAFF_ADMIN";

export type Permission =
  | "partner:home" // see my organisations and their fundings
  | "organisation:read-own"
  | "organisation:read-any"
  | "partners:list"
  | "outbox:read"
  | "reference:edit"
  | "return:fill" // fill in and submit my organisations' returns
  | "return:read-any" // open any return read-only
  | "templates:manage"
  | "campaigns:manage"
  | "directory:manage" // create and edit partner organisations, their contacts and fundings
  | "staff:manage-users" // list staff accounts, reset another's second factor
  | "reports:read" // the annual report's tables, their exports and frozen editions
  | "reports:freeze" // freeze a report edition; set the small-count threshold
  | "dataset:import" // import historical contributions into the dataset
  | "screening:resolve" // confirm, redact or override personal-data findings
  | "api-tokens:manage"; // create and revoke the read API's tokens

export const permissionMatrix: Record<Permission, readonly Role[]> = {
  "partner:home": ["PARTNER_MEMBER"],
  "organisation:read-own": ["PARTNER_MEMBER", "STAFF_REVIEWER", "STAFF_ADMIN"],
  "organisation:read-any": ["STAFF_REVIEWER", "STAFF_ADMIN"],
  "partners:list": ["STAFF_REVIEWER", "STAFF_ADMIN"],
  "outbox:read": ["STAFF_ADMIN", "STAFF_REVIEWER"],
  "reference:edit": ["STAFF_ADMIN"],
  "return:fill": ["PARTNER_MEMBER"],
  "return:read-any": ["STAFF_REVIEWER", "STAFF_ADMIN"],
  "templates:manage": ["STAFF_ADMIN"],
  "campaigns:manage": ["STAFF_ADMIN"],
  "directory:manage": ["STAFF_ADMIN"],
  "staff:manage-users": ["STAFF_ADMIN"],
  "reports:read": ["STAFF_REVIEWER", "STAFF_ADMIN"],
  "reports:freeze": ["STAFF_ADMIN"],
  "dataset:import": ["STAFF_ADMIN"],
  "screening:resolve": ["STAFF_REVIEWER", "STAFF_ADMIN"],
  "api-tokens:manage": ["STAFF_ADMIN"],
};

export function rolesOf(user: { staffRole: string; memberships: readonly unknown[] }): Role[] {
  const roles: Role[] = [];
  if (user.memberships.length > 0) roles.push("PARTNER_MEMBER");
  if (user.staffRole === "REVIEWER") roles.push("STAFF_REVIEWER");
  if (user.staffRole === "ADMIN") roles.push("STAFF_ADMIN");
  return roles;
}

export function can(roles: readonly Role[], permission: Permission) {
  return permissionMatrix[permission].some((role) => roles.includes(role));
}

export function isStaff(roles: readonly Role[]) {
  return roles.includes("STAFF_REVIEWER") || roles.includes("STAFF_ADMIN");
}
