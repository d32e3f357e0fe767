// Run by tests/http/server.ts with tsx, before the server starts (the embedded database folder
// is opened by one process at a time): creates signed-in sessions for the given demo
// addresses and prints them as JSON { email: cookieSecret } on the last line of stdout.
// Staff sessions count as having passed the second factor, like the e2e storage states.
import { closeDatabase, prisma } from "../../app/utils/db.server";
import { hashSecret, newSecret } from "../../app/modules/auth/tokens.server";

const emails = process.argv.slice(2);
const secrets: Record<string, string> = {};
try {
  for (const email of emails) {
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    const secret = newSecret();
    await prisma.session.create({
      data: {
        id: hashSecret(secret),
        userId: user.id,
        expiresAt: new Date(Date.now() + 8 * 3600 * 1000),
        secondFactorAt: new Date(),
      },
    });
    secrets[email] = secret;
  }
} finally {
  await closeDatabase();
}
console.log(JSON.stringify(secrets));
