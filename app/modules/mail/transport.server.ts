import nodemailer from "nodemailer";

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface EmailTransport {
  /** "smtp" delivers; "dev-mailbox" keeps the message in the outbox row for the dev page. */
  name: "smtp" | "dev-mailbox";
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/** Explicit timeouts: a hung SMTP server must not hold a worker forever. */
export function smtpTransport(url: string): EmailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    name: "smtp",
    async send(email) {
      await transporter.sendMail(email);
    },
    close: () => transporter.close(),
  };
}

export function devMailboxTransport(): EmailTransport {
  return { name: "dev-mailbox", async send() {}, close() {} };
}
