import { beforeEach, describe, expect, it } from "vitest";
import { demoStaffTotpSecrets } from "../../prisma/seed/data/demo-staff-totp";
import { seedDemoSecondFactor } from "../../prisma/seed/demo-second-factor";
import { createOrganisation, createPartnerUser, createStaffUser } from "../fixtures/factories";
import { sessionRequestCookie } from "../fixtures/sessions";
import { confirmLogin } from "~/modules/auth/magic-link.server";
import { RECOVERY_CODE_COUNT } from "~/modules/auth/recovery-codes.server";
import {
  createSession,
  getCurrentUser,
  requirePermission,
  requireUser,
} from "~/modules/auth/session.server";
import { resetSecondFactor } from "~/modules/auth/staff-accounts.server";
import { hashSecret, newSecret } from "~/modules/auth/tokens.server";
import {
  beginTotpSetup,
  confirmTotpSetup,
  decryptTotpSecret,
  SECOND_FACTOR_FAILURE_LIMIT,
  totpFor,
  verifyRecoveryCode,
  verifyTotp,
} from "~/modules/auth/totp.server";
import { action as staffUsersAction } from "~/routes/staff/users";
import { action as verifyAction } from "~/routes/public/login-second-factor";
import { action as recoveryAction } from "~/routes/public/login-recovery";
import {
  action as setupAction,
  loader as setupLoader,
} from "~/routes/public/login-second-factor-setup";
import { loader as staffOutboxLoader } from "~/routes/staff/outbox";
import { prisma } from "~/utils/db.server";

const base = "http://127.0.0.1:3000";

async function openSession(userId: string) {
  const secret = await prisma.$transaction((tx) => createSession(tx, userId));
  return { secret, sessionId: hashSecret(secret) };
}

const requestAs = async (secret: string, path = "/fr/staff/partners", init: RequestInit = {}) =>
  new Request(`${base}${path}`, {
    ...init,
    headers: { cookie: await sessionRequestCookie(secret), ...init.headers },
  });

/** What a thrown redirect or 404 from a loader looks like. */
async function thrown(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

function statusOf(error: unknown) {
  if (error instanceof Response) return error.status;
  return (error as { init?: { status?: number } }).init?.status;
}

const codeAt = (secret: string, label: string, offsetSeconds = 0) =>
  totpFor(secret, label).generate({ timestamp: Date.now() + offsetSeconds * 1000 });

/** A staff member who has set up the second factor (in a first session, now complete). */
async function enrolledStaff(role: "REVIEWER" | "ADMIN" = "REVIEWER") {
  const user = await createStaffUser(role);
  const first = await openSession(user.id);
  const setup = await beginTotpSetup(user.id);
  if (!setup) throw new Error("setup refused");
  const result = await confirmTotpSetup({
    userId: user.id,
    sessionId: first.sessionId,
    code: codeAt(setup.secret, user.email),
  });
  if (!result.ok) throw new Error(`setup failed: ${result.reason}`);
  return { user, secret: setup.secret, recoveryCodes: result.recoveryCodes, session: first };
}

describe("staff second factor", () => {
  let reviewer: Awaited<ReturnType<typeof createStaffUser>>;
  beforeEach(async () => {
    reviewer = await createStaffUser("REVIEWER");
  });

  it("a staff login by magic link alone opens no staff page: redirected to the second factor", async () => {
    await prisma.loginToken.create({
      data: {
        tokenHash: hashSecret("t".repeat(43)),
        userId: reviewer.id,
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    const login = await confirmLogin("t".repeat(43));
    if (!login.ok) throw new Error("login failed");
    expect(login.secondFactorRequired).toBe(true);
    const session = await prisma.session.findUniqueOrThrow({
      where: { id: hashSecret(login.sessionSecret) },
    });
    expect(session.secondFactorAt).toBeNull();

    const request = await requestAs(login.sessionSecret, "/fr/staff/partners?page=2");
    const redirect = await thrown(requirePermission(request, "fr", "partners:list"));
    expect(redirect).toBeInstanceOf(Response);
    expect((redirect as Response).status).toBe(302);
    expect((redirect as Response).headers.get("Location")).toBe(
      "/fr/login/second-factor?redirectTo=%2Ffr%2Fstaff%2Fpartners%3Fpage%3D2",
    );
    // A staff route's loader (what a client-side data request runs) redirects the same way.
    const viaRoute = await thrown(
      staffOutboxLoader({
        request: await requestAs(login.sessionSecret, "/nl/staff/outbox"),
        params: { lang: "nl" },
        context: {} as never,
      } as never),
    );
    expect((viaRoute as Response).headers.get("Location")).toBe(
      "/nl/login/second-factor?redirectTo=%2Fnl%2Fstaff%2Foutbox",
    );
    // Whatever asks the permission matrix with this session gets no staff role.
    const current = await getCurrentUser(request);
    expect(current?.secondFactorPending).toBe(true);
    expect(current?.roles).toEqual([]);
  });

  it("partners keep the magic link alone", async () => {
    const org = await createOrganisation();
    const partner = await createPartnerUser([org.id]);
    const { secret } = await openSession(partner.id);
    const current = await requireUser(await requestAs(secret, "/fr/partner"), "fr");
    expect(current.secondFactorPending).toBe(false);
    expect(current.roles).toEqual(["PARTNER_MEMBER"]);
    await expect(
      requirePermission(await requestAs(secret, "/fr/partner"), "fr", "partner:home"),
    ).resolves.toBeTruthy();
  });

  it("setup: the secret is encrypted at rest, the first code opens the session, 10 codes are kept hashed", async () => {
    const { secret: cookie, sessionId } = await openSession(reviewer.id);
    const setup = await beginTotpSetup(reviewer.id);
    if (!setup) throw new Error("setup refused");
    expect(setup.qrSvg).toMatch(/^<svg [^>]*width="200"/);
    expect(setup.uri).toContain(`secret=${setup.secret}`);
    // Reloading the page shows the same secret until it is proven.
    expect((await beginTotpSetup(reviewer.id))?.secret).toBe(setup.secret);

    const stored = await prisma.user.findUniqueOrThrow({ where: { id: reviewer.id } });
    expect(stored.totpSecret).toBeTruthy();
    expect(stored.totpSecret).not.toContain(setup.secret);
    expect(stored.totpSecret).not.toContain(setup.secret.toLowerCase());
    expect(decryptTotpSecret(stored.totpSecret!, reviewer.id)).toBe(setup.secret);
    // Bound to its user: the same ciphertext on another row does not decrypt.
    expect(decryptTotpSecret(stored.totpSecret!, "someone-else")).toBeNull();
    expect(stored.totpEnabledAt).toBeNull();

    const wrong = await confirmTotpSetup({ userId: reviewer.id, sessionId, code: "000000" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    const result = await confirmTotpSetup({
      userId: reviewer.id,
      sessionId,
      code: codeAt(setup.secret, reviewer.email),
    });
    if (!result.ok) throw new Error(`setup failed: ${result.reason}`);
    expect(result.recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(result.recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    const rows = await prisma.recoveryCode.findMany({ where: { userId: reviewer.id } });
    expect(rows).toHaveLength(RECOVERY_CODE_COUNT);
    for (const code of result.recoveryCodes) {
      expect(rows.some((row) => row.codeHash.includes(code.replace(/-/g, "")))).toBe(false);
    }
    // Once enabled, the setup page never shows the secret again.
    expect(await beginTotpSetup(reviewer.id)).toBeNull();

    const current = await requirePermission(await requestAs(cookie), "fr", "partners:list");
    expect(current.roles).toEqual(["STAFF_REVIEWER"]);
    const audit = await prisma.auditEvent.findMany({
      where: { targetId: reviewer.id, action: { startsWith: "auth.second-factor" } },
      orderBy: { occurredAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "auth.second-factor.failed",
      "auth.second-factor.enabled",
    ]);
  });

  it("a code is accepted once: replaying it, even in another session, is refused", async () => {
    const { user, secret, session } = await enrolledStaff();
    const usedCode = codeAt(secret, user.email);
    const second = await openSession(user.id);
    expect(
      await verifyTotp({ userId: user.id, sessionId: second.sessionId, code: usedCode }),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      (await prisma.session.findUniqueOrThrow({ where: { id: second.sessionId } })).secondFactorAt,
    ).toBeNull();
    // The next step's code (±1 step window) works, once.
    const next = codeAt(secret, user.email, 30);
    expect(await verifyTotp({ userId: user.id, sessionId: second.sessionId, code: next })).toEqual({
      ok: true,
    });
    const third = await openSession(user.id);
    expect(await verifyTotp({ userId: user.id, sessionId: third.sessionId, code: next })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      await prisma.auditEvent.count({
        where: { action: "auth.second-factor.verified", actorUserId: user.id },
      }),
    ).toBe(1);
    expect(session.sessionId).not.toBe(second.sessionId);
  });

  it("a recovery code works once", async () => {
    const { user, recoveryCodes } = await enrolledStaff();
    const a = await openSession(user.id);
    const b = await openSession(user.id);
    // Typed in capitals without dashes: still the same code.
    const typed = recoveryCodes[3]!.replace(/-/g, "").toUpperCase();
    expect(
      await verifyRecoveryCode({ userId: user.id, sessionId: a.sessionId, code: typed }),
    ).toEqual({ ok: true });
    expect(
      await verifyRecoveryCode({
        userId: user.id,
        sessionId: b.sessionId,
        code: recoveryCodes[3]!,
      }),
    ).toEqual({ ok: false, reason: "invalid" });
    expect(
      (await prisma.session.findUniqueOrThrow({ where: { id: a.sessionId } })).secondFactorAt,
    ).not.toBeNull();
    expect(
      (await prisma.session.findUniqueOrThrow({ where: { id: b.sessionId } })).secondFactorAt,
    ).toBeNull();
    expect(
      await prisma.auditEvent.count({
        where: { action: "auth.second-factor.recovery-used", targetId: user.id },
      }),
    ).toBe(1);
    // Another user's code is no use either.
    const other = await enrolledStaff();
    expect(
      await verifyRecoveryCode({
        userId: user.id,
        sessionId: b.sessionId,
        code: other.recoveryCodes[0]!,
      }),
    ).toEqual({ ok: false, reason: "invalid" });
  });

  it(`after ${SECOND_FACTOR_FAILURE_LIMIT} wrong codes even the right one is refused for a while`, async () => {
    const { user, secret } = await enrolledStaff();
    const session = await openSession(user.id);
    for (let i = 0; i < SECOND_FACTOR_FAILURE_LIMIT; i++) {
      expect(
        (await verifyTotp({ userId: user.id, sessionId: session.sessionId, code: "999999" })).ok,
      ).toBe(false);
    }
    expect(
      await verifyTotp({
        userId: user.id,
        sessionId: session.sessionId,
        code: codeAt(secret, user.email, 30),
      }),
    ).toEqual({ ok: false, reason: "locked" });
    expect(
      await prisma.auditEvent.count({
        where: { action: "auth.second-factor.failed", actorUserId: user.id },
      }),
    ).toBe(SECOND_FACTOR_FAILURE_LIMIT);
  });

  it("an admin's reset clears the factor, ends the sessions and is audited with actor and target", async () => {
    const admin = await enrolledStaff("ADMIN");
    const target = await enrolledStaff("REVIEWER");
    const otherSession = await openSession(target.user.id);
    expect(await prisma.session.count({ where: { userId: target.user.id } })).toBe(2);

    const request = await requestAs(admin.session.secret, "/fr/staff/users", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "reset-second-factor", userId: target.user.id }),
    });
    const response = await staffUsersAction({
      request,
      params: { lang: "fr" },
      context: {} as never,
    } as never);
    expect((response as { data: { outcome: string } }).data.outcome).toBe("reset");

    const after = await prisma.user.findUniqueOrThrow({ where: { id: target.user.id } });
    expect(after.totpSecret).toBeNull();
    expect(after.totpEnabledAt).toBeNull();
    expect(after.totpLastStep).toBeNull();
    expect(await prisma.recoveryCode.count({ where: { userId: target.user.id } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: target.user.id } })).toBe(0);
    expect(await getCurrentUser(await requestAs(otherSession.secret))).toBeNull();
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "auth.second-factor.reset", targetId: target.user.id },
    });
    expect(audit.actorUserId).toBe(admin.user.id);
    expect(audit.targetType).toBe("User");
    // The admin's own session is untouched; next login the target sets up again.
    expect(await getCurrentUser(await requestAs(admin.session.secret))).not.toBeNull();
    expect(await beginTotpSetup(target.user.id)).not.toBeNull();
  });

  it("an admin cannot reset their own second factor, nor a partner's account", async () => {
    const admin = await enrolledStaff("ADMIN");
    expect(
      await resetSecondFactor({ actorUserId: admin.user.id, targetUserId: admin.user.id }),
    ).toBe("self");
    const org = await createOrganisation();
    const partner = await createPartnerUser([org.id]);
    expect(await resetSecondFactor({ actorUserId: admin.user.id, targetUserId: partner.id })).toBe(
      "not-found",
    );
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: admin.user.id } });
    expect(stored.totpEnabledAt).not.toBeNull();
    expect(
      await prisma.auditEvent.count({
        where: { action: "auth.second-factor.reset", actorUserId: admin.user.id },
      }),
    ).toBe(0);
  });

  it("a reviewer, even fully signed in, cannot reset anyone: 404 and nothing changes", async () => {
    const reviewerEnrolled = await enrolledStaff("REVIEWER");
    const target = await enrolledStaff("ADMIN");
    const request = await requestAs(reviewerEnrolled.session.secret, "/fr/staff/users", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "reset-second-factor", userId: target.user.id }),
    });
    const error = await thrown(
      staffUsersAction({ request, params: { lang: "fr" }, context: {} as never } as never),
    );
    expect(statusOf(error)).toBe(404);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: target.user.id } });
    expect(after.totpEnabledAt).not.toBeNull();
    expect(await prisma.session.count({ where: { userId: target.user.id } })).toBe(1);
    expect(
      await prisma.auditEvent.count({
        where: { action: "auth.second-factor.reset", targetId: target.user.id },
      }),
    ).toBe(0);
  });

  it("malformed codes are refused without a server error", async () => {
    const { user } = await enrolledStaff();
    const session = await openSession(user.id);
    for (const code of ["", "12345", "abcdef", "1".repeat(1000), "12\u000034"]) {
      expect((await verifyTotp({ userId: user.id, sessionId: session.sessionId, code })).ok).toBe(
        false,
      );
    }
    expect(
      (
        await verifyRecoveryCode({
          userId: user.id,
          sessionId: session.sessionId,
          code: newSecret(),
        })
      ).ok,
    ).toBe(false);
  });

  it("the three code pages answer a posted code alike: field error, wrong code, locked, accepted", async () => {
    const post = async (
      action: typeof verifyAction | typeof recoveryAction | typeof setupAction,
      secret: string,
      path: string,
      code: string,
    ) => {
      const request = await requestAs(secret, path, {
        method: "POST",
        body: new URLSearchParams({ code }),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      try {
        return await action({ request, params: { lang: "fr" }, context: {} } as never);
      } catch (error) {
        return error;
      }
    };
    const answer = (result: unknown) => {
      if (result instanceof Response) return { status: result.status };
      const { data, init } = result as { data: unknown; init?: { status?: number } | null };
      return { status: init?.status ?? 200, data };
    };
    const { user, secret, recoveryCodes } = await enrolledStaff();
    const session = await openSession(user.id);
    const verify = "/fr/login/second-factor";
    const recovery = "/fr/login/recovery";
    // Not a code at all: the field's own message, what was typed given back.
    expect(answer(await post(verifyAction, session.secret, verify, "abc"))).toMatchObject({
      status: 400,
      data: { errors: { code: expect.stringMatching(/^errors\./) }, values: { code: "abc" } },
    });
    expect(answer(await post(verifyAction, session.secret, verify, "999999"))).toEqual({
      status: 400,
      data: { errors: { code: "errors.codeWrong" }, values: { code: "999999" } },
    });
    // Well-formed, but someone else's.
    const other = await enrolledStaff();
    expect(
      answer(await post(recoveryAction, session.secret, recovery, other.recoveryCodes[0]!)),
    ).toMatchObject({ status: 400, data: { errors: { code: "errors.recoveryCodeWrong" } } });
    // A recovery code opens the session: on to the staff pages.
    expect(answer(await post(recoveryAction, session.secret, recovery, recoveryCodes[0]!))).toEqual(
      { status: 302 },
    );
    // Too many wrong codes: 429, even with the right one.
    const locked = await openSession(user.id);
    for (let i = 0; i < SECOND_FACTOR_FAILURE_LIMIT; i++)
      await post(verifyAction, locked.secret, verify, "999999");
    expect(
      answer(await post(verifyAction, locked.secret, verify, codeAt(secret, user.email, 30))),
    ).toEqual({
      status: 429,
      data: {
        errors: { code: "errors.secondFactorLocked" },
        values: { code: codeAt(secret, user.email, 30) },
      },
    });
    // Setting up: a wrong first code is refused the same way.
    const newcomer = await createStaffUser("REVIEWER");
    const first = await openSession(newcomer.id);
    await beginTotpSetup(newcomer.id);
    expect(
      answer(await post(setupAction, first.secret, "/fr/login/second-factor/setup", "999999")),
    ).toEqual({
      status: 400,
      data: { errors: { code: "errors.codeWrong" }, values: { code: "999999" } },
    });
  });

  it("the demo seed gives demo staff their documented secret, encrypted, and never overwrites", async () => {
    const admin = await prisma.user.create({
      data: { email: "admin@example.org", displayName: "Demo admin", staffRole: "ADMIN" },
    });
    const reviewerDemo = await prisma.user.create({
      data: { email: "reviewer@example.org", displayName: "Demo reviewer", staffRole: "REVIEWER" },
    });
    await seedDemoSecondFactor();
    const seeded = await prisma.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(seeded.totpEnabledAt).not.toBeNull();
    expect(seeded.totpSecret).not.toContain(demoStaffTotpSecrets["admin@example.org"]);
    expect(decryptTotpSecret(seeded.totpSecret!, admin.id)).toBe(
      demoStaffTotpSecrets["admin@example.org"],
    );
    // A demo account whose factor was reset and set up again keeps its own secret.
    await resetSecondFactor({ actorUserId: admin.id, targetUserId: reviewerDemo.id });
    await prisma.user.update({
      where: { id: reviewerDemo.id },
      data: { totpSecret: "v1.own" },
    });
    await seedDemoSecondFactor();
    expect(
      (await prisma.user.findUniqueOrThrow({ where: { id: reviewerDemo.id } })).totpSecret,
    ).toBe("v1.own");
    const code = codeAt(demoStaffTotpSecrets["admin@example.org"]!, "admin@example.org");
    const session = await openSession(admin.id);
    expect(await verifyTotp({ userId: admin.id, sessionId: session.sessionId, code })).toEqual({
      ok: true,
    });
  });

  it("the second-factor pages send everyone else on, and only to same-origin paths", async () => {
    const call = async (fn: (args: never) => Promise<unknown>, request: Request) => {
      try {
        return await fn({ request, params: { lang: "fr" }, context: {} } as never);
      } catch (error) {
        if (error instanceof Response) return error;
        throw error;
      }
    };
    const location = (result: unknown) => (result as Response).headers.get("Location");
    // Anonymous: to the login page, keeping where they were going.
    expect(
      location(
        await call(
          setupLoader,
          new Request(`${base}/fr/login/second-factor/setup?redirectTo=%2Ffr%2Fstaff%2Foutbox`),
        ),
      ),
    ).toBe("/fr/login?redirectTo=%2Ffr%2Fstaff%2Foutbox");
    // A partner has nothing to do here.
    const org = await createOrganisation();
    const partner = await openSession((await createPartnerUser([org.id])).id);
    expect(
      location(
        await call(setupLoader, await requestAs(partner.secret, "/fr/login/second-factor/setup")),
      ),
    ).toBe("/fr/partner");
    // Staff who set it up already are sent to the code page, not shown a new secret.
    const { user, secret } = await enrolledStaff();
    const pending = await openSession(user.id);
    expect(
      location(
        await call(setupLoader, await requestAs(pending.secret, "/fr/login/second-factor/setup")),
      ),
    ).toBe("/fr/login/second-factor");
    // A right code with a foreign redirectTo lands on the staff home instead.
    const post = await requestAs(
      pending.secret,
      "/fr/login/second-factor?redirectTo=%2F%09%2Fevil.example%2F",
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ code: codeAt(secret, user.email, 30) }),
      },
    );
    expect(location(await call(verifyAction, post))).toBe("/fr/staff/partners");
  });
});
