import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { recordAudit } from "~/modules/audit/audit.server";
import { prisma, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { consumeRateLimit, rateLimitKey, readRateLimit } from "./rate-limit.server";
import { newRecoveryCodes, redeemRecoveryCode } from "./recovery-codes.server";

// Staff second factor: TOTP (RFC 6238, SHA-1, 6 digits, 30 s, the settings every
// authenticator app understands). The secret is encrypted at rest, bound to its user.

export const TOTP_ISSUER = "safe.brussels";
const PERIOD_SECONDS = 30;
export const SECOND_FACTOR_FAILURE_LIMIT = 5;
export const SECOND_FACTOR_WINDOW_MS = 15 * 60 * 1000;

// The key must outlive the process (the secrets are stored), so the random per-process session
// secret is never used. Without any configured key, a fixed development key keeps the demo and
// local development working; a production server says so loudly at start.
const DEVELOPMENT_KEY = "safe.brussels development key: set TOTP_ENCRYPTION_KEY in production";
const keyMaterial =
  process.env.TOTP_ENCRYPTION_KEY || process.env.SESSION_SECRET || DEVELOPMENT_KEY;
if (env.isProduction && keyMaterial === DEVELOPMENT_KEY) {
  console.warn(
    "TOTP_ENCRYPTION_KEY (or SESSION_SECRET) is not set: staff second-factor secrets are " +
      "encrypted with a publicly known development key. Set TOTP_ENCRYPTION_KEY.",
  );
}
const encryptionKey = Buffer.from(
  hkdfSync("sha256", keyMaterial, "safe.brussels", "totp-secret-v1", 32),
);

/** AES-256-GCM; the user id is authenticated data, so a secret copied to another row fails. */
export function encryptTotpSecret(base32: string, userId: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey, iv);
  cipher.setAAD(Buffer.from(userId));
  const ciphertext = Buffer.concat([cipher.update(base32, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext].map(encode).join(".");
}

function encode(part: string | Buffer) {
  return typeof part === "string" ? part : part.toString("base64url");
}

/** Null when the value cannot be read (other key, tampered, other user). */
export function decryptTotpSecret(stored: string, userId: string): string | null {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== "v1" || !iv || !tag || ciphertext === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", encryptionKey, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    return null;
  }
}

export function totpFor(base32: string, label: string) {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(base32),
  });
}

export function newTotpSecret() {
  return new Secret({ size: 20 }).base32;
}

/** Spaces are allowed (apps show "123 456"); anything else but six digits is refused. */
export function normaliseTotpCode(value: unknown) {
  if (typeof value !== "string") return null;
  const code = value.replace(/\s/g, "");
  return /^\d{6}$/.test(code) ? code : null;
}

export type SecondFactorFailure = "invalid" | "locked";
export type SecondFactorResult = { ok: true } | { ok: false; reason: SecondFactorFailure };

const failureKey = (userId: string) => rateLimitKey("second-factor-fail", userId);

/** Too many wrong codes in the window: refuse even a right one until it ends. */
export async function secondFactorLocked(userId: string) {
  const failures = await readRateLimit(failureKey(userId), SECOND_FACTOR_WINDOW_MS);
  return failures >= SECOND_FACTOR_FAILURE_LIMIT;
}

export async function recordSecondFactorFailure(userId: string, method: "totp" | "recovery") {
  await consumeRateLimit(failureKey(userId), SECOND_FACTOR_FAILURE_LIMIT, SECOND_FACTOR_WINDOW_MS);
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      action: "auth.second-factor.failed",
      actorUserId: userId,
      targetType: "User",
      targetId: userId,
      details: { method },
    }),
  );
}

/**
 * Accepts the code's time step only if it is later than the last accepted one, atomically:
 * the same code (or an earlier one) never works twice, even in two parallel requests.
 */
async function claimStep(tx: Tx, userId: string, base32: string, label: string, code: string) {
  const totp = totpFor(base32, label);
  const delta = totp.validate({ token: code, window: 1 });
  if (delta === null) return false;
  const step = totp.counter() + delta;
  const claimed = await tx.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return claimed.count === 1;
}

async function markSessionVerified(tx: Tx, sessionId: string, userId: string) {
  const updated = await tx.session.updateMany({
    where: { id: sessionId, userId },
    data: { secondFactorAt: new Date() },
  });
  return updated.count === 1;
}

export interface TotpSetup {
  secret: string;
  uri: string;
  qrSvg: string;
}

/**
 * The secret to show on the setup page. Kept (encrypted) until the first code proves it, so a
 * reload shows the same QR code; never once the second factor is enabled.
 */
export async function beginTotpSetup(userId: string): Promise<TotpSetup | null> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.totpEnabledAt || user.staffRole === "NONE") return null;
  let secret = user.totpSecret ? decryptTotpSecret(user.totpSecret, user.id) : null;
  if (!secret) {
    secret = newTotpSecret();
    await prisma.user.updateMany({
      where: { id: user.id, totpEnabledAt: null },
      data: { totpSecret: encryptTotpSecret(secret, user.id), totpLastStep: null },
    });
  }
  const uri = totpFor(secret, user.email).toString();
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  // Size as attributes, not a style: the CSP allows no inline styles. Hidden from assistive
  // technology: the page gives the same secret as text.
  const qrSvg = svg.replace(
    "<svg ",
    '<svg width="200" height="200" aria-hidden="true" focusable="false" ',
  );
  return { secret, uri, qrSvg };
}

export type SetupResult =
  | { ok: true; recoveryCodes: string[] }
  | { ok: false; reason: SecondFactorFailure | "already-enabled" };

/** The first code enables the second factor, opens this session and hands out recovery codes. */
export async function confirmTotpSetup(input: {
  userId: string;
  sessionId: string;
  code: string;
}): Promise<SetupResult> {
  if (await secondFactorLocked(input.userId)) return { ok: false, reason: "locked" };
  const result = await prisma.$transaction(async (tx): Promise<SetupResult> => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: input.userId } });
    if (user.totpEnabledAt) return { ok: false, reason: "already-enabled" };
    const secret = user.totpSecret ? decryptTotpSecret(user.totpSecret, user.id) : null;
    if (!secret || !(await claimStep(tx, user.id, secret, user.email, input.code))) {
      return { ok: false, reason: "invalid" };
    }
    const enabled = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: null },
      data: { totpEnabledAt: new Date() },
    });
    if (enabled.count !== 1) return { ok: false, reason: "already-enabled" };
    const recoveryCodes = await newRecoveryCodes(tx, user.id);
    if (!(await markSessionVerified(tx, input.sessionId, user.id))) {
      throw new Error("second-factor: session vanished during setup");
    }
    await recordAudit(tx, {
      action: "auth.second-factor.enabled",
      actorUserId: user.id,
      targetType: "User",
      targetId: user.id,
    });
    return { ok: true, recoveryCodes };
  });
  if (!result.ok && result.reason === "invalid") {
    await recordSecondFactorFailure(input.userId, "totp");
  }
  return result;
}

/** Checks a code from the authenticator app and, if right, completes this session's login. */
export async function verifyTotp(input: {
  userId: string;
  sessionId: string;
  code: string;
}): Promise<SecondFactorResult> {
  if (await secondFactorLocked(input.userId)) return { ok: false, reason: "locked" };
  const ok = await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: input.userId } });
    if (!user.totpEnabledAt || !user.totpSecret) return false;
    const secret = decryptTotpSecret(user.totpSecret, user.id);
    if (!secret || !(await claimStep(tx, user.id, secret, user.email, input.code))) return false;
    if (!(await markSessionVerified(tx, input.sessionId, user.id))) return false;
    await recordAudit(tx, {
      action: "auth.second-factor.verified",
      actorUserId: user.id,
      targetType: "User",
      targetId: user.id,
      details: { method: "totp" },
    });
    return true;
  });
  if (ok) return { ok: true };
  await recordSecondFactorFailure(input.userId, "totp");
  return { ok: false, reason: "invalid" };
}

/** A recovery code instead of the app's code: single use, same failure limit. */
export async function verifyRecoveryCode(input: {
  userId: string;
  sessionId: string;
  code: string;
}): Promise<SecondFactorResult> {
  if (await secondFactorLocked(input.userId)) return { ok: false, reason: "locked" };
  const ok = await prisma.$transaction((tx) => redeemRecoveryCode(tx, input));
  if (ok) return { ok: true };
  await recordSecondFactorFailure(input.userId, "recovery");
  return { ok: false, reason: "invalid" };
}
