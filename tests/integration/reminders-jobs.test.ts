// The job runner's periodic work against the database, with a driven clock: the weekly staff
// digest goes out once per ISO week from Monday 08:00 Brussels (even with two runners), says
// what waits and who is late; `npm run reminders` (its command) prints what is due and a total,
// writing nothing on a dry run; runDueJobs runs reminders, the digest and the outbox in one go.
import { beforeAll, describe, expect, it } from "vitest";
import { createStaffUser } from "../fixtures/factories";
import { createCampaign, createFundedPartner } from "../fixtures/returns";
import { seedReferenceData } from "../../prisma/seed/load";
import { runDueJobs } from "~/boot.server";
import { createDefaultReminderRules } from "~/modules/campaigns/reminder-rules.server";
import type { EmailTransport } from "~/modules/mail/transport.server";
import { renderEmail } from "~/modules/mail/templates.server";
import { remindersCommand } from "~/modules/reminders/command.server";
import { runStaffDigest } from "~/modules/reminders/digest.server";
import { atBrussels } from "~/modules/returns/deadlines";
import { prisma } from "~/utils/db.server";

let late: Awaited<ReturnType<typeof createFundedPartner>>;
let reviewerEmail: string;

beforeAll(async () => {
  await seedReferenceData(prisma);
  const campaign = await createCampaign(2024); // due 31 March 2025
  await createDefaultReminderRules(prisma, campaign.id);
  late = await createFundedPartner(campaign.id, { language: "nl" });
  reviewerEmail = (await createStaffUser("REVIEWER")).email;
  await prisma.user.update({ where: { email: reviewerEmail }, data: { preferredLanguage: "nl" } });
  await createStaffUser("ADMIN");
}, 120_000);

const digestRows = () => prisma.outboxEmail.findMany({ where: { purpose: "staff-digest" } });

describe("the weekly staff digest", () => {
  it("goes out once a week from Monday 08:00 Brussels, whichever runner claims it", async () => {
    // Monday 7 April 2025, summer time.
    expect(await runStaffDigest(atBrussels("2025-04-07", "07:59"))).toEqual({
      week: "2025-W15",
      queued: 0,
      due: false,
    });
    const dry = await runStaffDigest(atBrussels("2025-04-07", "08:00"), { dryRun: true });
    expect(dry).toEqual({ week: "2025-W15", queued: 2, due: true });
    expect(await digestRows()).toHaveLength(0);
    const [a, b] = await Promise.all([
      runStaffDigest(atBrussels("2025-04-07", "08:00")),
      runStaffDigest(atBrussels("2025-04-07", "08:01")),
    ]);
    expect(a.queued + b.queued).toBe(2);
    expect(await runStaffDigest(atBrussels("2025-04-09", "12:00"))).toMatchObject({ queued: 0 });
    expect(await digestRows()).toHaveLength(2);
    const run = await prisma.jobRun.findMany();
    expect(run.map((r) => [r.job, r.periodKey, r.finishedAt !== null])).toEqual([
      ["staff-digest", "2025-W15", true],
    ]);
  });

  it("names the late partners in the reader's language and links to the queue and outbox", async () => {
    const row = (await digestRows()).find((r) => r.toEmail === reviewerEmail)!;
    expect(row.language).toBe("nl");
    const email = await renderEmail(row.template, row.language, row.payload);
    expect(email.subject).toBe("Overzicht van de week van 7 april 2025");
    expect(email.text).toContain(late.organisation.nameNl);
    expect(email.text).toContain("1 partner heeft zijn verslag niet op tijd ingediend");
    expect(email.text).toContain("/nl/staff/review");
  });
});

describe("npm run reminders", () => {
  it("prints one line per message and a total, and writes nothing on a dry run", async () => {
    const out: string[] = [];
    const before = await prisma.reminderDispatch.count();
    const code = await remindersCommand(
      ["--at", "2025-03-17T09:30", "--dry-run"],
      (line) => out.push(line),
      () => undefined,
    );
    expect(code).toBe(0);
    expect(out).toEqual([
      // The invitation's window (the opening, or the return's generation) has long passed:
      // only "14 days before" goes out.
      `2025-03-17  BEFORE_DUE  2024  ${late.organisation.nameFr}  ${late.user.email} [nl]`,
      "staff digest 2025-W12: 2 email(s)",
      "Total: 1 reminder(s) would be sent (dry run), 2 digest email(s)",
    ]);
    expect(await prisma.reminderDispatch.count()).toBe(before);
    expect(out.join("\n")).not.toContain("http");
  });

  it("refuses a moment it cannot read, with the expected form", async () => {
    const errors: string[] = [];
    const code = await remindersCommand(
      ["--at", "25/03/2024"],
      () => undefined,
      (line) => errors.push(line),
    );
    expect(code).toBe(2);
    expect(errors).toEqual(["--at: expected a Brussels time like 2024-03-25T09:00"]);
  });
});

describe("runDueJobs", () => {
  it("queues the reminders due and delivers them through the outbox in one pass", async () => {
    const sent: string[] = [];
    const transport: EmailTransport = {
      name: "smtp",
      async send(email) {
        sent.push(`${email.to} ${email.subject}`);
      },
      close: () => undefined,
    };
    const results = await runDueJobs(atBrussels("2025-03-28", "09:00"), transport);
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ["reminders", true],
      ["staff-digest", true],
      ["outbox", true],
    ]);
    // The invitation was never sent: "3 days before" wins the day, the invitation is skipped.
    expect(sent).toContain(
      `${late.user.email} GVPP-jaarverslag 2024: herinnering, uw verslag moet binnenkort ingediend worden`,
    );
  });
});
