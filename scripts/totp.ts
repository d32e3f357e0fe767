// npm run totp -- admin@example.org
// Prints the current second-factor code of a demo staff account, from its documented demo
// secret (prisma/seed/data/demo-staff-totp.ts). Reads no database, so it works while the demo
// server holds the embedded database. Real accounts have no known secret: use your app.
import { TOTP } from "otpauth";
import { demoStaffTotpSecrets } from "../prisma/seed/data/demo-staff-totp";

const email = (process.argv[2] ?? "").trim().toLowerCase();
const secret = demoStaffTotpSecrets[email];
if (!secret) {
  console.error(
    `Usage: npm run totp -- <demo staff email>. Demo staff accounts: ${Object.keys(demoStaffTotpSecrets).join(", ")}.`,
  );
  process.exit(1);
}
const totp = new TOTP({ issuer: "safe.brussels", label: email, secret });
const remaining = Math.ceil(TOTP.remaining({ period: totp.period }) / 1000);
console.log(`${totp.generate()}  (${email}, valid for ${remaining} s more)`);
