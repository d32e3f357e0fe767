// Gives the demo staff accounts their known TOTP secret (prisma/seed/data/demo-staff-totp.ts),
// so the demo and the end-to-end tests can complete the staff second factor. Like the other
// loaders it never overwrites: a secret set up (or reset) since is kept.
import { encryptTotpSecret } from "../../app/modules/auth/totp.server";
import { prisma } from "../../app/utils/db.server";
import { demoStaffTotpSecrets } from "./data/demo-staff-totp";

export async function seedDemoSecondFactor() {
  for (const [email, secret] of Object.entries(demoStaffTotpSecrets)) {
    const user = await prisma.user.findUnique({ where: { email } });
    if (!user || user.staffRole === "NONE" || user.totpSecret) continue;
    await prisma.user.update({
      where: { id: user.id },
      data: { totpSecret: encryptTotpSecret(secret, user.id), totpEnabledAt: new Date() },
    });
  }
}
