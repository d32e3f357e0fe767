import { describe, expect, it } from "vitest";
import { backoffMs } from "~/modules/mail/worker.server";
import { loginRequestSchema } from "~/modules/auth/schema";
import { hashSecret, isWellFormedSecret, newSecret } from "~/modules/auth/tokens.server";
import { safeRedirectPath } from "~/utils/http.server";

describe("redirect targets", () => {
  it("accepts same-site paths only", () => {
    expect(safeRedirectPath("/fr/partner", "/")).toBe("/fr/partner");
    expect(safeRedirectPath("//evil.example", "/")).toBe("/");
    expect(safeRedirectPath("https://evil.example", "/")).toBe("/");
    expect(safeRedirectPath("/\\evil.example", "/")).toBe("/");
    expect(safeRedirectPath(undefined, "/x")).toBe("/x");
  });
});

describe("secrets", () => {
  it("are 256-bit, URL-safe, and stored only as a hash", () => {
    const secret = newSecret();
    expect(isWellFormedSecret(secret)).toBe(true);
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
    expect(hashSecret(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(secret)).not.toContain(secret);
    expect(isWellFormedSecret("short")).toBe(false);
    expect(isWellFormedSecret(`${secret}'; DROP`)).toBe(false);
  });
});

describe("outbox backoff", () => {
  it("grows exponentially with jitter and is capped at one hour", () => {
    expect(backoffMs(1, 0)).toBe(5_000);
    expect(backoffMs(1, 1)).toBe(10_000);
    expect(backoffMs(3, 1)).toBe(40_000);
    expect(backoffMs(30, 1)).toBe(3_600_000);
    expect(backoffMs(30, 0)).toBe(1_800_000);
  });
});

describe("login form schema (shared by browser and action)", () => {
  it("normalises the address and returns i18n keys", () => {
    expect(loginRequestSchema.parse({ email: "  Demo@Example.ORG " }).email).toBe(
      "demo@example.org",
    );
    const empty = loginRequestSchema.safeParse({ email: "" });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toBe("errors.emailRequired");
    const bad = loginRequestSchema.safeParse({ email: "not-an-email" });
    expect(bad.error?.issues[0]?.message).toBe("errors.emailInvalid");
  });
});
