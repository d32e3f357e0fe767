import { describe, expect, it } from "vitest";
import {
  can,
  permissionMatrix,
  rolesOf,
  type Permission,
  type Role,
} from "~/modules/auth/permissions";

// The expected matrix, written out independently: any unexpected allow (or deny) fails.
const expected: Record<Role, Permission[]> = {
  PARTNER_MEMBER: ["partner:home", "organisation:read-own", "return:fill"],
  STAFF_REVIEWER: [
    "organisation:read-own",
    "organisation:read-any",
    "partners:list",
    "outbox:read",
    "return:read-any",
    "reports:read",
    "screening:resolve",
  ],
  STAFF_ADMIN: [
    "organisation:read-own",
    "organisation:read-any",
    "partners:list",
    "outbox:read",
    "reference:edit",
    "return:read-any",
    "templates:manage",
    "campaigns:manage",
    "directory:manage",
    "staff:manage-users",
    "reports:read",
    "reports:freeze",
    "dataset:import",
    "screening:resolve",
    "api-tokens:manage",
  ],
};

describe("permission matrix", () => {
  const permissions = Object.keys(permissionMatrix) as Permission[];
  for (const role of Object.keys(expected) as Role[]) {
    it.each(permissions)(`${role} × %s`, (permission) => {
      expect(can([role], permission)).toBe(expected[role].includes(permission));
    });
  }

  it("derives roles from staff role and memberships", () => {
    expect(rolesOf({ staffRole: "NONE", memberships: [] })).toEqual([]);
    expect(rolesOf({ staffRole: "NONE", memberships: [{}] })).toEqual(["PARTNER_MEMBER"]);
    expect(rolesOf({ staffRole: "ADMIN", memberships: [] })).toEqual(["STAFF_ADMIN"]);
    expect(can([], "partner:home")).toBe(false);
  });
});
