// A real SMTP sink for the end-to-end tests: the app's outbox worker delivers to it over SMTP
// exactly as it would to a real relay, and the tests read what arrived through a small HTTP API.
//
//   SMTP  127.0.0.1:$SMTP_SINK_PORT      (default 2525; no TLS, AUTH optional)
//   HTTP  127.0.0.1:$SMTP_SINK_HTTP_PORT (default 2526)
//     GET    /health              -> {"ok":true}
//     GET    /messages?to=<email> -> [{to, subject, text, html, date, receivedAt}], oldest first
//     DELETE /messages            -> forgets every message
//
// Messages are kept in memory only.
import http from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const host = process.env.SMTP_SINK_HOST ?? "127.0.0.1";
const smtpPort = Number(process.env.SMTP_SINK_PORT ?? 2525);
const httpPort = Number(process.env.SMTP_SINK_HTTP_PORT ?? 2526);

/** @type {{to: string[], subject: string, text: string, html: string, date: string | null, receivedAt: string}[]} */
let messages = [];

function addressesOf(field) {
  if (!field) return [];
  const list = Array.isArray(field) ? field : [field];
  return list.flatMap((entry) => entry.value.map((a) => (a.address ?? "").toLowerCase()));
}

const smtp = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  banner: "safe.brussels e2e SMTP sink",
  size: 5 * 1024 * 1024,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((parsed) => {
        const envelope = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const to = [...new Set([...envelope, ...addressesOf(parsed.to)])];
        messages.push({
          to,
          subject: parsed.subject ?? "",
          text: parsed.text ?? "",
          html: typeof parsed.html === "string" ? parsed.html : "",
          date: parsed.date ? parsed.date.toISOString() : null,
          receivedAt: new Date().toISOString(),
        });
        callback();
      })
      .catch((error) => callback(error));
  },
});
smtp.on("error", (error) => console.error("smtp-sink:", error.message));

const api = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const send = (status, body) => {
    res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
    res.end(JSON.stringify(body));
  };
  if (req.method === "GET" && url.pathname === "/health") return send(200, { ok: true });
  if (url.pathname === "/messages") {
    if (req.method === "GET") {
      const to = url.searchParams.get("to")?.trim().toLowerCase();
      return send(200, to ? messages.filter((m) => m.to.includes(to)) : messages);
    }
    if (req.method === "DELETE") {
      const count = messages.length;
      messages = [];
      return send(200, { deleted: count });
    }
    return send(405, { error: "method not allowed" });
  }
  return send(404, { error: "not found" });
});

smtp.listen(smtpPort, host, () => {
  api.listen(httpPort, host, () => {
    console.log(`smtp-sink: SMTP on ${host}:${smtpPort}, HTTP on http://${host}:${httpPort}`);
  });
});

function stop() {
  api.close();
  smtp.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
