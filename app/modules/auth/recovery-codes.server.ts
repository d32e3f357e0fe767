import { randomInt } from "node:crypto";
import { recordAudit } from "~/modules/audit/audit.server";
import { prisma, type Tx } from "~/utils/db.server";
import { hashSecret } from "./tokens.server";

// Recovery codes: 12 characters of Crockford base32 (60 bits), shown once, stored hashed.
// The user id is part of the hash so a code only ever matches its own account.

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

function newRecoveryCode() {
  let code = "";
  for (let i = 0; i < 12; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** Case, spaces and dashes don't matter; letters people confuse with digits are read as digits. */
export function normaliseRecoveryCode(value: unknown) {
  if (typeof value !== "string") return null;
  const code = value.toLowerCase().replace(/[\s-]/g, "").replace(/o/g, "0").replace(/[il]/g, "1");
  return /^[0-9a-hjkmnp-tv-z]{12}$/.test(code) ? code : null;
}

const recoveryCodeHash = (userId: string, normalised: string) =>
  hashSecret(`${userId}:${normalised}`);

/** Replaces any earlier codes; returns the new ones in clear, for showing once. */
export async function newRecoveryCodes(tx: Tx, userId: string) {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({
      userId,
      codeHash: recoveryCodeHash(userId, normaliseRecoveryCode(code)!),
    })),
  });
  return codes;
}

export async function remainingRecoveryCodes(userId: string) {
  return prisma.recoveryCode.count({ where: { userId, usedAt: null } });
}

/** Uses a recovery code (once) to complete this session's login. */
export async function redeemRecoveryCode(
  tx: Tx,
  input: { userId: string; sessionId: string; code: string },
) {
  const normalised = normaliseRecoveryCode(input.code);
  if (!normalised) return false;
  const session = await tx.session.findFirst({
    where: { id: input.sessionId, userId: input.userId },
  });
  if (!session) return false;
  const now = new Date();
  const used = await tx.recoveryCode.updateMany({
    where: {
      userId: input.userId,
      codeHash: recoveryCodeHash(input.userId, normalised),
      usedAt: null,
    },
    data: { usedAt: now },
  });
  if (used.count !== 1) return false;
  await tx.session.update({ where: { id: session.id }, data: { secondFactorAt: now } });
  await recordAudit(tx, {
    action: "auth.second-factor.recovery-used",
    actorUserId: input.userId,
    targetType: "User",
    targetId: input.userId,
  });
  return true;
}
