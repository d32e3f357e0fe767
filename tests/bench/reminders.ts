// Reminders bench (part of `npm run bench`, or alone: `npx tsx tests/bench/reminders.ts`):
// 1. a reminder run over one campaign of 10,000 returns still to send (10,000 invitations, each
//    recorded and queued in the outbox in the run's transaction): target under 5 s; then the
//    same run again (nothing new) and a dry run;
// 2. delivery of 200 of those emails through the outbox worker to a real SMTP sink, against
//    plain nodemailer rendering and sending the same messages to the same sink in the same run:
//    target at least 80 % of its rate.
// On PGlite (a temporary folder) and on PostgreSQL (BENCH_POSTGRES_URL, default the dev server;
// BENCH_POSTGRES=0 to skip). Each engine runs in its own child process with its own database.
// Settings: BENCH_REMINDER_RETURNS (10000), BENCH_REMINDER_EMAILS (200).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const RETURNS = Number(process.env.BENCH_REMINDER_RETURNS ?? 10_000);
const EMAILS = Number(process.env.BENCH_REMINDER_EMAILS ?? 200);
const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), "../..");

async function child() {
  const { prisma, closeDatabase, databaseEngine } = await import("~/utils/db.server");
  const { seedReferenceData } = await import("../../prisma/seed/load");
  const { seedDefaultTemplate } = await import("../../prisma/seed/returns");
  const { createDefaultReminderRules } = await import("~/modules/campaigns/reminder-rules.server");
  const { runReminders } = await import("~/modules/reminders/run.server");
  const { atBrussels } = await import("~/modules/returns/deadlines");
  const { deliverDueEmails } = await import("~/modules/mail/worker.server");
  const { smtpTransport } = await import("~/modules/mail/transport.server");
  const { renderEmail } = await import("~/modules/mail/templates.server");
  const { startSmtpSink } = await import("../fixtures/smtp-sink");
  const nodemailer = (await import("nodemailer")).default;

  await seedReferenceData(prisma);
  const template = await seedDefaultTemplate();
  const plan = await prisma.plan.findFirstOrThrow();
  const campaign = await prisma.campaign.create({
    data: {
      planId: plan.id,
      year: 2030,
      templateId: template.id,
      titleFr: "Rapport annuel PGSP 2030",
      titleNl: "GVPP-jaarverslag 2030",
      opensAt: atBrussels("2031-01-15", "00:00"),
      openedAt: atBrussels("2031-01-15", "08:00"),
      dueAt: atBrussels("2031-03-31", "23:59"),
      status: "OPEN",
    },
  });
  await createDefaultReminderRules(prisma, campaign.id);
  // 10,000 partners, each with a main contact (one in two reads Dutch) and a return of four
  // sections, one completed.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Organisation" ("id", "slug", "kind", "nameFr", "nameNl", "updatedAt")
    SELECT 'bo' || i, 'bench-' || i, 'NON_PROFIT', 'ASBL Banc ' || i, 'vzw Bank ' || i, now()
      FROM generate_series(1, ${RETURNS}) AS i`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "User" ("id", "email", "displayName", "preferredLanguage", "updatedAt")
    SELECT 'bu' || i, 'contact-' || i || '@example.org', 'Contact ' || i,
           (CASE WHEN i % 2 = 0 THEN 'nl' ELSE 'fr' END)::"Language", now()
      FROM generate_series(1, ${RETURNS}) AS i`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Membership" ("id", "userId", "organisationId", "reportRole")
    SELECT 'bm' || i, 'bu' || i, 'bo' || i, 'MAIN' FROM generate_series(1, ${RETURNS}) AS i`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "AnnualReturn" ("id", "campaignId", "organisationId", "templateId", "updatedAt")
    SELECT 'br' || i, '${campaign.id}', 'bo' || i, '${template.id}', now()
      FROM generate_series(1, ${RETURNS}) AS i`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "ReturnSection" ("id", "returnId", "slotKey", "kind", "templateSection",
           "position", "origin", "status", "updatedAt")
    SELECT 'bs' || i || '-' || s, 'br' || i, 'S' || s, 'ORGANISATION', 'identification', s,
           'TEMPLATE', (CASE WHEN s = 1 THEN 'COMPLETED' ELSE 'NOT_STARTED' END)::"SectionStatus",
           now()
      FROM generate_series(1, ${RETURNS}) AS i, generate_series(1, 4) AS s`);

  const time = async <T>(fn: () => Promise<T>) => {
    const start = performance.now();
    const result = await fn();
    return { ms: performance.now() - start, result };
  };
  const now = atBrussels("2031-01-15", "09:00");
  const dry = await time(() => runReminders({ now, dryRun: true }));
  const first = await time(() => runReminders({ now }));
  const second = await time(() => runReminders({ now: new Date(now.getTime() + 60_000) }));
  const outboxRows = await prisma.outboxEmail.count();

  // Delivery: EMAILS of the queued invitations through the worker, the rest left aside; then
  // the same messages rendered and sent with plain nodemailer.
  await prisma.$executeRawUnsafe(`
    UPDATE "OutboxEmail" SET "status" = 'DEAD'
     WHERE "id" NOT IN (SELECT "id" FROM "OutboxEmail" ORDER BY "id" LIMIT ${EMAILS})`);
  const sink = await startSmtpSink();
  const rows = await prisma.outboxEmail.findMany({ where: { status: "PENDING" } });
  const transport = smtpTransport(sink.url);
  const outbox = await time(async () => {
    let sent = 0;
    for (;;) {
      const report = await deliverDueEmails(transport, { batchSize: 50 });
      sent += report.sent;
      if (report.sent + report.retried + report.dead === 0) break;
    }
    return sent;
  });
  transport.close();
  const plainTransport = nodemailer.createTransport({ url: sink.url });
  const plain = await time(async () => {
    for (const row of rows) {
      const email = await renderEmail(row.template, row.language, row.payload);
      await plainTransport.sendMail({
        from: "safe.brussels <no-reply@safe.brussels>",
        to: row.toEmail,
        subject: email.subject,
        html: email.html,
        text: email.text,
      });
    }
    return rows.length;
  });
  plainTransport.close();
  await sink.close();
  const rate = (n: number, ms: number) => n / (ms / 1000);
  const outboxRate = rate(outbox.result, outbox.ms);
  const plainRate = rate(plain.result, plain.ms);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    [
      `reminders bench (${databaseEngine}), ${RETURNS} returns still to send:`,
      `  dry run:          ${s(dry.ms)} (${dry.result.queued} messages computed)`,
      `  run:              ${s(first.ms)} (${first.result.queued} invitations recorded, ${outboxRows} emails queued) ${first.ms < 5000 ? "✓ < 5 s" : "✗ over 5 s"}`,
      `  run again:        ${s(second.ms)} (${second.result.queued} new)`,
      `  delivery to the SMTP sink, ${EMAILS} emails (${sink.messages.length} received):`,
      `    outbox worker:   ${outboxRate.toFixed(0)} emails/s`,
      `    plain nodemailer: ${plainRate.toFixed(0)} emails/s (render + sendMail, one after another)`,
      `    outbox / plain:  ${((outboxRate / plainRate) * 100).toFixed(0)} % ${outboxRate >= 0.8 * plainRate ? "✓ ≥ 80 %" : "✗ under 80 %"}`,
    ].join("\n"),
  );
  await closeDatabase();
}

function orchestrate() {
  const runs: { engine: string; env: NodeJS.ProcessEnv; cleanup: () => void }[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-reminders-"));
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    BENCH_REMINDERS_CHILD: "1",
    OUTBOX_WORKER: "off",
  };
  delete base.DATABASE_URL;
  runs.push({
    engine: "pglite",
    env: { ...base, PGLITE_DIR: path.join(dir, "pglite") },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  });
  const postgres =
    process.env.BENCH_POSTGRES === "0"
      ? null
      : (process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5439/postgres");
  let failed = false;
  for (const run of runs) {
    const result = spawnSync(process.execPath, ["--import", "tsx", self], {
      cwd: root,
      env: run.env,
      stdio: "inherit",
    });
    run.cleanup();
    failed ||= result.status !== 0;
  }
  if (postgres) {
    const name = `bench_reminders_${process.pid}`;
    const psql = (sql: string) =>
      spawnSync("psql", [postgres, "-v", "ON_ERROR_STOP=1", "-qc", sql], { stdio: "inherit" });
    if (psql(`CREATE DATABASE ${name}`).status === 0) {
      const url = new URL(postgres);
      url.pathname = `/${name}`;
      const result = spawnSync(process.execPath, ["--import", "tsx", self], {
        cwd: root,
        env: { ...base, DATABASE_URL: url.toString() },
        stdio: "inherit",
      });
      failed ||= result.status !== 0;
      psql(`DROP DATABASE ${name}`);
    } else console.log("reminders bench: PostgreSQL not reachable, skipped");
  }
  if (failed) process.exitCode = 1;
}

if (process.env.BENCH_REMINDERS_CHILD === "1") await child();
else orchestrate();
