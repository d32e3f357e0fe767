// A campaign's operations end to end, in Chromium against the real SMTP sink (runs after every
// other test: opening the demo's 2024 campaign invites most demo partners):
// staff opens the 2024 draft → partners receive their invitation in their language (a backup
// contact none) → a non-profit of the call for projects fills in and sends its activity report
// (French, JavaScript on) while a commune fills in the PGSP return (Dutch) → staff grants an
// extension to another non-profit → the clock is moved with the reminders page's rehearsal
// (REMINDERS_REHEARSAL=1 on the test server): three days before the due date the commune's main
// contact is reminded, the sender and the partner with an extension are not; fourteen days after
// it the reminder escalates to the commune's backup contact and to the staff member following
// the commune; three days before the extension's date, that partner is reminded → the completeness
// dashboard's figures match what happened. The schedule's rules themselves are proven in
// tests/unit/reminders-schedule.test.ts and tests/integration/reminders-*.test.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { sessionState, storageStates, type Lang } from "../helpers";
import {
  PDF_BYTES,
  campaignTitle,
  fillSection,
  messagesWithSubject,
  openReturnFromHome,
  rs,
  saveAndContinue,
  taskItems,
  waitForRendered,
} from "../returns-helpers";

type Json = Record<string, unknown>;
const load = (lang: Lang, ns: string) =>
  JSON.parse(readFileSync(path.resolve("locales", lang, `${ns}.json`), "utf8")) as Json;
const get = (json: Json, key: string) =>
  key.split(".").reduce<unknown>((o, k) => (o as Json)[k], json) as string;
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));

const people = {
  pagAsa: "ana.silva@example.org", // PAG-ASA, call for projects, French, main contact
  medimmigrant: "sarah.goossens@example.org", // Medimmigrant, call for projects, Dutch, main
  medimmigrantBackup: "nele.dewit@example.org", // Medimmigrant, backup contact
  ganshoren: "preventie.ganshoren@example.org", // Ganshoren commune, Dutch, main
  ganshorenBackup: "els.vermeulen@example.org", // Ganshoren commune, Dutch, backup
  follower: "second.reviewer@example.org", // staff following the communes
};

/** A Brussels day `offset` days from today, as date fields take it. */
function day(offset: number) {
  const date = new Date(Date.now() + offset * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(date);
}
/** The seeded draft is due 90 days after the day the e2e database was seeded (today). */
const DUE_OFFSET = 90;

const emails = { fr: load("fr", "emails"), nl: load("nl", "emails") };
const subject = {
  invitation: (lang: Lang) =>
    fill(get(emails[lang], "invitation.subject"), { campaign: campaignTitle(lang, 2024) }),
  reminder: (lang: Lang, variant: "before" | "after") =>
    fill(get(emails[lang], `reminder.subject.${variant}`), { campaign: campaignTitle(lang, 2024) }),
  staffLate: (lang: Lang, organisation: string) =>
    fill(get(emails[lang], "reminder.staffSubject"), { organisation }),
};

/** Waits until `to` has exactly `count` emails with this subject. */
async function expectEmails(to: string, subjectText: string, count: number) {
  await expect
    .poll(async () => (await messagesWithSubject(to, subjectText)).length, {
      message: `${count} email(s) "${subjectText}" to ${to}`,
      timeout: 20_000,
      intervals: [200, 500],
    })
    .toBe(count);
}

/** No email with this subject reached `to` (checked after the others arrived). */
async function expectNone(to: string, subjectText: string) {
  expect(await messagesWithSubject(to, subjectText), `no "${subjectText}" to ${to}`).toHaveLength(
    0,
  );
}

/** Fills the section on the page: the activity report's own sections, else the shared ones. */
async function fillActivityReportSection(page: Page, lang: Lang) {
  if (await page.locator("#f-objectives").count()) {
    await page
      .locator("#f-objectives")
      .fill("Former les acteurs de première ligne à repérer les victimes de la traite.");
    if ((await page.locator('input[name="status"]:checked').count()) === 0)
      await page.locator("#f-status").check();
    await page
      .locator("#f-actions")
      .fill("Douze séances de sensibilisation pour des travailleurs sociaux et des policiers.");
    await page.locator("#f-startDate").fill("2024-02-01");
    if ((await page.locator('input[name="targetPublics"]:checked').count()) === 0)
      await page.locator("#f-targetPublics").check();
    await page.locator("#f-peopleReached").fill("180");
    await page
      .locator("#f-difficulties")
      .fill("Les services de police ont dû reporter deux séances au printemps.");
    return;
  }
  if (await page.locator("#f-grantReceived").count()) {
    await page.locator("#f-grantReceived").fill("25000");
    await page.locator("#f-amountSpent").fill("25000");
    if ((await page.locator('input[name="fullySpent"]:checked').count()) === 0)
      await page.locator("#f-fullySpent").check();
    return;
  }
  if (await page.locator("#f-activityReport").count()) {
    for (const [field, name] of [
      ["activityReport", "rapport-activites.pdf"],
      ["financialReport", "rapport-financier.pdf"],
    ] as const) {
      if ((await page.locator(".file-list").getByRole("link", { name }).count()) > 0) continue;
      await page
        .locator(`#f-${field}`)
        .setInputFiles({ name, mimeType: "application/pdf", buffer: PDF_BYTES });
      await page.locator(`button[value="upload:${field}"]`).click();
      await expect(page.locator(".file-list").getByRole("link", { name })).toBeVisible();
    }
    return;
  }
  await fillSection(page, lang);
}

/** Completes every section of the return from its task list, then comes back to it. */
async function completeActivityReport(page: Page, lang: Lang, returnUrl: string) {
  const s = rs(lang);
  for (let guard = 0; guard < 20; guard++) {
    await page.goto(returnUrl);
    const todo = (await taskItems(page)).find((i) => i.status !== s.returns.status.COMPLETED);
    if (!todo) return;
    await page.goto(todo.href);
    await waitForRendered(page);
    await fillActivityReportSection(page, lang);
    await saveAndContinue(page, lang);
  }
  throw new Error("The activity report could not be completed in 20 steps");
}

test.describe.configure({ mode: "serial" });

test("2024: open, invitations, an activity report and a PGSP return, an extension, reminders and escalation as the clock moves, completeness", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const c = load("fr", "campaigns");
  const rem = load("fr", "reminders");
  const staff = await browser.newContext({ storageState: storageStates.admin });
  const admin = await staff.newPage();

  let campaignPath = "";
  await test.step("staff opens the 2024 campaign; partners are invited in their language", async () => {
    await admin.goto("/fr/staff/campaigns");
    const link = admin.getByRole("link", { name: campaignTitle("fr", 2024), exact: true });
    campaignPath = (await link.getAttribute("href"))!;
    await link.click();
    await admin.getByRole("button", { name: get(c, "open.button") }).click();
    await expect(admin.locator("main")).toContainText(get(c, "open.done").split("{{")[0]!.trim());
    await expectEmails(people.pagAsa, subject.invitation("fr"), 1);
    await expectEmails(people.medimmigrant, subject.invitation("nl"), 1);
    await expectEmails(people.ganshoren, subject.invitation("nl"), 1);
    // Backup contacts hear only when a reminder escalates.
    await expectNone(people.medimmigrantBackup, subject.invitation("nl"));
    await expectNone(people.ganshorenBackup, subject.invitation("nl"));
    const invitation = (
      await messagesWithSubject(people.medimmigrant, subject.invitation("nl"))
    )[0]!;
    expect(invitation.text).toMatch(/\/nl\/partner\/returns\/[^/\s]+/);
    expect(invitation.text).not.toMatch(/token=/);
  });

  await test.step("a non-profit of the call fills in and sends its activity report (FR)", async () => {
    const context = await browser.newContext({ storageState: sessionState(people.pagAsa) });
    const page = await context.newPage();
    const { returnUrl } = await openReturnFromHome(page, "fr", 2024);
    // The activity report (its grant's budget section), not the PGSP return.
    await expect(page.locator("main")).toContainText("Budget de la subvention");
    await completeActivityReport(page, "fr", returnUrl);
    const r = rs("fr").returns;
    await page.getByRole("link", { name: r.taskList.checkAndSubmit }).click();
    await page.getByRole("button", { name: r.check.submit }).click();
    await expect(page).toHaveURL(`${returnUrl}/confirmation`);
    await context.close();
  });

  await test.step("meanwhile a commune fills in the PGSP return of the same campaign (NL)", async () => {
    const context = await browser.newContext({
      storageState: sessionState(people.ganshorenBackup),
    });
    const page = await context.newPage();
    const { returnUrl } = await openReturnFromHome(page, "nl", 2024);
    const first = (await taskItems(page))[0]!;
    await page.goto(first.href);
    await waitForRendered(page);
    await fillSection(page, "nl");
    await saveAndContinue(page, "nl");
    await page.goto(returnUrl);
    expect((await taskItems(page))[0]!.status).toBe(rs("nl").returns.status.COMPLETED);
    await context.close();
  });

  const newDue = day(DUE_OFFSET + 30);
  await test.step("staff grants Medimmigrant an extension; only its contacts are told", async () => {
    await admin.goto(campaignPath);
    await admin.locator("#ext-returnId").selectOption({ label: "Medimmigrant ASBL" });
    await admin.locator("#ext-dueDay").fill(newDue);
    await admin.locator("#ext-reason").fill("Départ de la coordinatrice, remplacement en cours.");
    await admin.getByRole("button", { name: get(c, "extensions.grant") }).click();
    await expect(admin.locator("main")).toContainText(get(c, "extensions.granted").slice(0, 20));
    const extension = fill(get(emails.nl, "extensionGranted.subject"), {
      organisation: "Medimmigrant vzw",
    });
    await expectEmails(people.medimmigrant, extension, 1);
    await expectNone(people.pagAsa, extension);
  });

  const rehearse = async (onDay: string) => {
    await admin.goto(`${campaignPath}/reminders?on=${onDay}`);
    await admin.locator('form:has(input[name="intent"][value="rehearse"]) button').click();
    await expect(admin.locator("main")).toContainText(
      get(rem, "notices.rehearsed_other").split("{{")[0]!.trim(),
    );
  };

  await test.step("three days before the due date: the commune is reminded, not the sender nor the extended partner", async () => {
    await rehearse(day(DUE_OFFSET - 3));
    await expectEmails(people.ganshoren, subject.reminder("nl", "before"), 1);
    await expectNone(people.pagAsa, subject.reminder("fr", "before"));
    await expectNone(people.medimmigrant, subject.reminder("nl", "before"));
  });

  await test.step("fourteen days after: the reminder escalates to the backup contact and the follower", async () => {
    await rehearse(day(DUE_OFFSET + 14));
    await expectEmails(people.ganshoren, subject.reminder("nl", "after"), 1);
    await expectEmails(people.ganshorenBackup, subject.reminder("nl", "after"), 1);
    await expectEmails(people.follower, subject.staffLate("fr", "Commune de Ganshoren"), 1);
    // Medimmigrant's own date is still ahead: nothing.
    await expectNone(people.medimmigrant, subject.reminder("nl", "after"));
    await expectNone(people.medimmigrantBackup, subject.reminder("nl", "after"));
  });

  await test.step("three days before the extension's date, Medimmigrant is reminded", async () => {
    await rehearse(day(DUE_OFFSET + 27));
    await expectEmails(people.medimmigrant, subject.reminder("nl", "before"), 1);
    // Running the same moment again sends nothing twice.
    await admin.goto(`${campaignPath}/reminders?on=${day(DUE_OFFSET + 27)}`);
    await expect(
      admin.locator('form:has(input[name="intent"][value="rehearse"]) button'),
    ).toHaveCount(0);
    await expectEmails(people.medimmigrant, subject.reminder("nl", "before"), 1);
  });

  await test.step("the completeness dashboard's figures match", async () => {
    await admin.goto("/fr/staff/campaigns");
    const row = admin.getByRole("row", { name: new RegExp(campaignTitle("fr", 2024)) });
    const expected = Number((await row.locator("td.numeric").first().innerText()).trim());
    expect(expected).toBeGreaterThan(3);
    await admin.goto(`${campaignPath}/completeness`);
    const stats = admin.locator(".stat-list .stat__value");
    // Expected, received, on time, approved, late (today: nobody is late yet).
    await expect(stats).toHaveText([String(expected), "1", "1", "0", "0"]);
  });
  await staff.close();
});
