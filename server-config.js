// Settings that server.js checks before it loads the app (a refused start must be quick: the
// app opens its database on load) and that the app itself uses (app/utils/env.server.ts).
// Plain JavaScript so that both can import it; types in server-config.d.ts.

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * Base URL of links in emails. Only ever from configuration: a request's Host header is
 * chosen by the client, so a link built from it could send someone's login token elsewhere.
 * Outside production it defaults to this machine.
 */
export function publicUrl(env) {
  const configured = (env.PUBLIC_URL ?? "").trim().replace(/\/+$/, "");
  if (configured || env.NODE_ENV === "production") return configured;
  return `http://localhost:${env.PORT ?? 3000}`;
}

/**
 * The development mailbox shows every login email. Outside production it is on when mail is
 * not sent by SMTP; in production only when asked for (DEV_MAILBOX=1) on a server that listens
 * on the loopback interface only. Either way the app answers only loopback clients.
 */
export function devMailboxEnabled(env) {
  if (env.SMTP_URL) return false;
  if (env.NODE_ENV !== "production") return true;
  return env.DEV_MAILBOX === "1" && LOOPBACK_HOSTS.has(env.HOST ?? "");
}

/**
 * Rehearsal of a campaign's reminders (REMINDERS_REHEARSAL=1): administrators may send what is due
 * at a chosen day, as `npm run reminders -- --at` does. Only on a machine's own copy: outside
 * production, or in production on a server that listens on the loopback interface only.
 */
export function remindersRehearsalEnabled(env) {
  if (env.REMINDERS_REHEARSAL !== "1") return false;
  return env.NODE_ENV !== "production" || LOOPBACK_HOSTS.has(env.HOST ?? "");
}

/**
 * Express's "trust proxy" from TRUST_PROXY: a number of proxy hops in front of us, or a
 * comma-separated list of proxy addresses or CIDRs (or Express's names such as "loopback").
 * Unset, empty or 0: trust nothing. Never "every hop": a client could then choose its own IP.
 */
export function trustProxySetting(value) {
  const text = (value ?? "").trim();
  if (text === "" || text === "0" || text === "false") return false;
  if (/^\d+$/.test(text)) return Number(text);
  if (text === "true") {
    throw new Error(
      "TRUST_PROXY=true would trust every hop: give the number of proxies or their addresses.",
    );
  }
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

/** What a server must not start with; server.js refuses to start on any. */
export function configurationProblems(env) {
  const problems = [];
  const production = env.NODE_ENV === "production";
  const url = publicUrl(env);
  if (production && !url) {
    problems.push(
      "PUBLIC_URL is not set: it is the base of the links sent by email (e.g. https://rapport.safe.brussels).",
    );
  } else if (url && !/^https?:\/\/[^/?#\s]+$/i.test(url)) {
    problems.push(
      `PUBLIC_URL must be an origin such as https://rapport.safe.brussels (got "${url}").`,
    );
  }
  if (production && env.DEV_MAILBOX === "1" && !devMailboxEnabled(env)) {
    problems.push(
      "DEV_MAILBOX=1 needs HOST=127.0.0.1 (or ::1) and no SMTP_URL: the mailbox shows every login email.",
    );
  }
  if (env.REMINDERS_REHEARSAL === "1" && !remindersRehearsalEnabled(env)) {
    problems.push(
      "REMINDERS_REHEARSAL=1 needs HOST=127.0.0.1 (or ::1) in production: it sends a campaign's reminders ahead of time.",
    );
  }
  try {
    trustProxySetting(env.TRUST_PROXY);
  } catch (error) {
    problems.push(error.message);
  }
  return problems;
}
