// Configuration read once from the environment. See README "Configuration".
import { randomBytes } from "node:crypto";
import { devMailboxEnabled, publicUrl, remindersRehearsalEnabled } from "../../server-config.js";

export { configurationProblems, trustProxySetting } from "../../server-config.js";

const isProduction = process.env.NODE_ENV === "production";

function sessionSecret() {
  const value = process.env.SESSION_SECRET;
  if (value) return value;
  if (isProduction && process.env.ALLOW_EPHEMERAL_SECRET !== "1") {
    // Still start, but warn: sessions will not survive a restart.
    console.warn("SESSION_SECRET is not set: using a random secret for this process.");
  }
  return randomBytes(32).toString("hex");
}

function waitMs(value: string | undefined, fallback: number) {
  const ms = Number(value);
  return value && Number.isFinite(ms) && ms >= 0 ? ms : fallback;
}

export const env = {
  isProduction,
  publicUrl: publicUrl(process.env),
  smtpUrl: process.env.SMTP_URL || undefined,
  mailFrom: process.env.MAIL_FROM ?? "safe.brussels <no-reply@safe.brussels>",
  sessionSecret: sessionSecret(),
  /** Only for local tests over plain http://127.0.0.1; never in a real deployment. */
  insecureCookies: process.env.INSECURE_COOKIES === "1",
  devMailboxEnabled: devMailboxEnabled(process.env),
  outboxWorker: process.env.OUTBOX_WORKER !== "off",
  /** Administrators may send a campaign's reminders as of a chosen day (a rehearsal copy). */
  remindersRehearsal: remindersRehearsalEnabled(process.env),
  outboxPollMs: Number(process.env.OUTBOX_POLL_MS ?? 2000),
  /**
   * How long a page waits for work it starts in the background (a contributions import, an
   * edition's freeze) before showing that work's progress page instead.
   */
  backgroundWaitMs: waitMs(process.env.BACKGROUND_WAIT_MS, 3000),
  /** The benchmark's reference page (`npm run bench` sets it); a 404 otherwise. */
  benchPages: process.env.BENCH_PAGES === "1",
};
