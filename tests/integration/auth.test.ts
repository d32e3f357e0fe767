import { beforeEach, describe, expect, it, vi } from "vitest";
import { createOrganisation, createPartnerUser } from "../fixtures/factories";
import {
  confirmLogin,
  inspectLoginToken,
  LOGIN_LIMIT_PER_EMAIL,
  loginLinkScheduler,
  requestLoginLink,
  settleLoginLinks,
} from "~/modules/auth/magic-link.server";
import { rateLimitKey } from "~/modules/auth/rate-limit.server";
import { endSession, getCurrentUser } from "~/modules/auth/session.server";
import { sessionRequestCookie } from "../fixtures/sessions";
import { hashSecret } from "~/modules/auth/tokens.server";
import { prisma } from "~/utils/db.server";

const base = "http://127.0.0.1:3000";
let ipCounter = 0;
const nextIp = () => `10.0.0.${++ipCounter}`;

async function issueToken(email: string) {
  const outcome = await requestLoginLink({ email, lang: "fr", clientIp: nextIp(), baseUrl: base });
  expect(outcome).toBe("sent");
  await settleLoginLinks();
  const mail = await prisma.outboxEmail.findFirstOrThrow({
    where: { toEmail: email, purpose: "login-link" },
    orderBy: { createdAt: "desc" },
  });
  const link = (mail.payload as { link: string }).link;
  return new URL(link).searchParams.get("token")!;
}

const requestWithCookie = async (secret: string) =>
  new Request(`${base}/fr/partner`, { headers: { cookie: await sessionRequestCookie(secret) } });

describe("magic-link login", () => {
  let email: string;
  beforeEach(async () => {
    const org = await createOrganisation();
    email = (await createPartnerUser([org.id])).email;
  });

  it("stores only a hash of the token and writes the email in the same transaction", async () => {
    const token = await issueToken(email);
    const row = await prisma.loginToken.findUniqueOrThrow({
      where: { tokenHash: hashSecret(token) },
    });
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    expect(await prisma.loginToken.count({ where: { tokenHash: token } })).toBe(0);
    const audit = await prisma.auditEvent.count({
      where: { action: "auth.login-link.requested", actorUserId: row.userId },
    });
    expect(audit).toBe(1);
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const before = await prisma.outboxEmail.count();
    const outcome = await requestLoginLink({
      email: "nobody@example.org",
      lang: "nl",
      clientIp: nextIp(),
      baseUrl: base,
    });
    expect(outcome).toBe("sent");
    await settleLoginLinks();
    expect(await prisma.outboxEmail.count()).toBe(before);
    expect(
      await prisma.loginToken.count({ where: { user: { email: "nobody@example.org" } } }),
    ).toBe(0);
  });

  // Timing: the answer must not depend on whether the address exists. Rather than measure
  // milliseconds, prove the answer is produced before the address is even looked up.
  it("answers before looking the address up, for known and unknown addresses alike", async () => {
    const deferred: (() => Promise<void>)[] = [];
    const realDefer = loginLinkScheduler.defer;
    loginLinkScheduler.defer = (job) => void deferred.push(job);
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    const outboxBefore = await prisma.outboxEmail.count();
    try {
      for (const address of [email, "unknown-person@example.org"]) {
        const outcome = await requestLoginLink({
          email: address,
          lang: "fr",
          clientIp: nextIp(),
          baseUrl: base,
        });
        expect(outcome).toBe("sent");
      }
      // Both answers are out; nothing about either address has been read or written yet.
      expect(deferred).toHaveLength(2);
      expect(await prisma.loginToken.count({ where: { userId: user.id } })).toBe(0);
      expect(await prisma.outboxEmail.count()).toBe(outboxBefore);
      const emailKeys = [email, "unknown-person@example.org"].map((address) =>
        rateLimitKey("login-email", address),
      );
      expect(await prisma.rateLimitWindow.count({ where: { key: { in: emailKeys } } })).toBe(0);
    } finally {
      loginLinkScheduler.defer = realDefer;
    }
    for (const job of deferred) await job();
    expect(await prisma.loginToken.count({ where: { userId: user.id } })).toBe(1);
    expect(await prisma.outboxEmail.count()).toBe(outboxBefore + 1);
  });

  it("a failure after the answer is logged with an error code, never the address", async () => {
    const deferred: (() => Promise<void>)[] = [];
    const realDefer = loginLinkScheduler.defer;
    loginLinkScheduler.defer = (job) => void deferred.push(job);
    try {
      // A language the database refuses: the background work fails once the answer is out.
      const outcome = await requestLoginLink({
        email,
        lang: "xx" as never,
        clientIp: nextIp(),
        baseUrl: base,
      });
      expect(outcome).toBe("sent");
    } finally {
      loginLinkScheduler.defer = realDefer;
    }
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
    try {
      await deferred[0]!();
    } finally {
      spy.mockRestore();
    }
    expect(logged).toHaveLength(1);
    const line = logged[0]!.map(String).join(" ");
    expect(line).toMatch(/^login-link: issuing failed \S+$/);
    expect(line).not.toContain(email.split("@")[0]!);
  });

  it("limits emails per address without ever refusing the answer", async () => {
    for (const target of [email, "ghost@example.org"]) {
      for (let i = 0; i < LOGIN_LIMIT_PER_EMAIL + 3; i++) {
        expect(
          await requestLoginLink({ email: target, lang: "fr", clientIp: nextIp(), baseUrl: base }),
        ).toBe("sent");
      }
    }
    await settleLoginLinks();
    expect(await prisma.outboxEmail.count({ where: { toEmail: email } })).toBe(
      LOGIN_LIMIT_PER_EMAIL,
    );
    expect(await prisma.outboxEmail.count({ where: { toEmail: "ghost@example.org" } })).toBe(0);
  });

  // Targeted lockout: anyone may type someone else's address; that must never keep the owner
  // out. Their earlier link still works and their open session is untouched.
  it("20 requests for someone's address from many IPs do not lock them out", async () => {
    const open = await confirmLogin(await issueToken(email));
    if (!open.ok) throw new Error("login failed");
    const earlierToken = await issueToken(email);
    for (let i = 0; i < 20; i++) {
      const outcome = await requestLoginLink({
        email: i % 2 ? email.toUpperCase() : email,
        lang: "fr",
        clientIp: `198.51.100.${i + 1}`,
        baseUrl: base,
      });
      expect(outcome).toBe("sent");
    }
    await settleLoginLinks();
    // The open session still works, before and after the victim logs in again.
    expect((await getCurrentUser(await requestWithCookie(open.sessionSecret)))?.user.email).toBe(
      email,
    );
    const again = await confirmLogin(earlierToken);
    expect(again.ok).toBe(true);
    expect((await getCurrentUser(await requestWithCookie(open.sessionSecret)))?.user.email).toBe(
      email,
    );
  });

  it("a new link does not invalidate an earlier unexpired one", async () => {
    const first = await issueToken(email);
    const second = await issueToken(email);
    expect(await inspectLoginToken(first)).toBe("valid");
    expect((await confirmLogin(first)).ok).toBe(true);
    expect((await confirmLogin(second)).ok).toBe(true);
  });

  it("rate-limits per IP address", async () => {
    const ip = "192.0.2.77";
    let outcome = "sent";
    for (let i = 0; i < 100 && outcome === "sent"; i++) {
      outcome = await requestLoginLink({
        email: `x${i}@example.org`,
        lang: "fr",
        clientIp: ip,
        baseUrl: base,
      });
    }
    expect(outcome).toBe("rate-limited");
  });

  it("a GET-style inspection does not use the token; the login uses it once", async () => {
    const token = await issueToken(email);
    expect(await inspectLoginToken(token)).toBe("valid");
    expect(await inspectLoginToken(token)).toBe("valid");
    const first = await confirmLogin(token);
    expect(first.ok).toBe(true);
    const replay = await confirmLogin(token);
    expect(replay).toEqual({ ok: false, reason: "used" });
    expect(await inspectLoginToken(token)).toBe("used");
  });

  it("refuses expired, unknown and malformed tokens", async () => {
    const token = await issueToken(email);
    await prisma.loginToken.update({
      where: { tokenHash: hashSecret(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await confirmLogin(token)).toEqual({ ok: false, reason: "expired" });
    expect(await confirmLogin("A".repeat(43))).toEqual({ ok: false, reason: "invalid" });
    expect(await confirmLogin("../../etc/passwd")).toEqual({ ok: false, reason: "invalid" });
    expect(await confirmLogin(undefined)).toEqual({ ok: false, reason: "invalid" });
  });

  it("two concurrent confirmations of one token open one session", async () => {
    const token = await issueToken(email);
    const results = await Promise.all([confirmLogin(token), confirmLogin(token)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("opens a server-side session that logout really ends", async () => {
    const token = await issueToken(email);
    const result = await confirmLogin(token);
    if (!result.ok) throw new Error("login failed");
    const current = await getCurrentUser(await requestWithCookie(result.sessionSecret));
    expect(current?.user.email).toBe(email);
    expect(current?.roles).toEqual(["PARTNER_MEMBER"]);
    // A new, different session id at every login.
    const second = await confirmLogin(await issueToken(email));
    if (!second.ok) throw new Error("login failed");
    expect(second.sessionSecret).not.toBe(result.sessionSecret);
    await endSession(await requestWithCookie(result.sessionSecret));
    expect(await getCurrentUser(await requestWithCookie(result.sessionSecret))).toBeNull();
    expect(await getCurrentUser(await requestWithCookie(second.sessionSecret))).not.toBeNull();
  });

  it("ignores expired sessions and forged cookies", async () => {
    const result = await confirmLogin(await issueToken(email));
    if (!result.ok) throw new Error("login failed");
    await prisma.session.update({
      where: { id: hashSecret(result.sessionSecret) },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect(await getCurrentUser(await requestWithCookie(result.sessionSecret))).toBeNull();
    expect(await getCurrentUser(await requestWithCookie("forged"))).toBeNull();
  });
});
