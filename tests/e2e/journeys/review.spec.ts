// The review, end to end against the real SMTP sink, once in French with JavaScript and once in
// Dutch without: a reviewer finds a sent return in the queue, asks for changes on one block with
// a comment and sends it back; the partner gets the email in its language, sees the comment
// beside the fields, changes the block and sends the return again; the reviewer sees what
// changed (the other sections keep their decision), accepts it and approves; the contribution is
// in the central dataset and in its CSV download. Starts from the demo's two 2023 returns sent
// and waiting (prisma/seed/review-demo.ts), which no other test changes.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { sessionState, sinkMessages, waitForEmail, type Lang } from "../helpers";
import { fmt, openReturnFromHome, postWith, rs, saveAndContinue } from "../returns-helpers";

const REVIEWER = "reviewer@example.org";

const cases = [
  {
    lang: "fr",
    javaScript: true,
    partner: "david.rosen@example.org",
    organisation: "Centre communautaire laïc juif (CCLJ) ASBL",
    measure: "2.2",
    note: "Merci d'indiquer combien d'ateliers ont eu lieu et dans quelles écoles.",
    changed:
      "Nous avons animé douze ateliers dans quatre écoles secondaires d'Anderlecht et de Forest.",
  },
  {
    lang: "nl",
    javaScript: false,
    partner: "wout.maes@example.org",
    organisation: "Foyer vzw",
    measure: "2.2",
    note: "Kunt u vermelden hoeveel workshops er waren en in welke scholen?",
    changed: "We gaven twaalf workshops in vier secundaire scholen in Molenbeek en Koekelberg.",
  },
] as const satisfies readonly { lang: Lang; [key: string]: unknown }[];

/** The section title a decision form's legend names ("Votre décision sur « X »"). */
function sectionOfLegend(lang: Lang, legend: string) {
  const [before, after] = rs(lang).admin.reviewReturn.decide.legend.split("{{section}}");
  return legend.trim().slice(before!.length, legend.trim().length - after!.length);
}

/** Decides on every section with a form on the page; `pick` says which decision. */
async function decideEach(
  page: Page,
  lang: Lang,
  pick: (section: string) => { decision: "ACCEPTED" | "CHANGES_NEEDED"; note?: string } | null,
) {
  const a = rs(lang).admin.reviewReturn;
  const count = await page.locator("form.decision-form").count();
  expect(count).toBeGreaterThan(2);
  for (let i = 0; i < count; i++) {
    const form = page.locator("form.decision-form").nth(i);
    const section = sectionOfLegend(lang, await form.locator("legend").innerText());
    const choice = pick(section);
    if (!choice) continue;
    await form.getByLabel(a.decisions[choice.decision], { exact: true }).check();
    if (choice.note) await form.getByLabel(a.decide.note).fill(choice.note);
    await form.getByRole("button", { name: a.decide.submit }).click();
    await expect(
      page.getByRole("status").filter({ hasText: fmt(a.done.decided, { section }) }),
    ).toBeVisible();
  }
}

async function openContext(browser: Browser, email: string, javaScript: boolean) {
  const context = await browser.newContext({
    javaScriptEnabled: javaScript,
    storageState: sessionState(email),
  });
  return { context, page: await context.newPage() };
}

for (const c of cases) {
  test(`review (${c.lang}, ${c.javaScript ? "with" : "without"} JavaScript): send back, resubmit, see the change, approve, dataset and CSV`, async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const s = rs(c.lang);
    const a = s.admin.reviewReturn;
    const staff = await openContext(browser, REVIEWER, c.javaScript);
    const isMeasure = (section: string) => section.includes(c.measure);
    let reviewUrl = "";
    const emailsBefore = (await sinkMessages(c.partner)).length;

    await test.step("the reviewer finds the return in the queue and sends one block back", async () => {
      const page = staff.page;
      await page.goto(`/${c.lang}/staff/review?year=2023`);
      await expect(
        page.getByRole("heading", { level: 1, name: s.admin.reviewQueue.title }),
      ).toBeVisible();
      await page.getByRole("link", { name: c.organisation, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText(c.organisation);
      reviewUrl = new URL(page.url()).pathname;
      await decideEach(page, c.lang, (section) =>
        isMeasure(section)
          ? { decision: "CHANGES_NEEDED", note: c.note }
          : { decision: "ACCEPTED" },
      );
      await page.getByRole("button", { name: a.actions.sendBack }).click();
      await expect(page.getByRole("status").filter({ hasText: a.done.sentBack })).toBeVisible();
    });

    await test.step("the partner gets the email in its language, with the comment", async () => {
      const email = await waitForEmail(c.partner, emailsBefore, 15_000);
      expect(email.subject).toBe(
        fmt(s.emails.changesRequested.subject, { organisation: c.organisation }),
      );
      expect(email.text).toContain(c.note);
      expect(email.text).toContain(c.measure);
    });

    const partner = await openContext(browser, c.partner, c.javaScript);
    await test.step("the partner sees the comment beside the block, changes it, sends again", async () => {
      const page = partner.page;
      const r = s.returns;
      const { returnUrl } = await openReturnFromHome(page, c.lang);
      await expect(page.getByText(r.sentBack.taskListTitle)).toBeVisible();
      const requested = page
        .locator(".task-list__item")
        .filter({ has: page.locator(".tag", { hasText: r.sentBack.tag.changesRequested }) });
      await expect(requested).toHaveCount(1);
      await requested.getByRole("link").click();
      await expect(page.getByRole("heading", { name: r.sentBack.noteTitle })).toBeVisible();
      await expect(page.getByText(c.note)).toBeVisible();
      await page.locator("#f-actions").fill(c.changed);
      if (c.javaScript) {
        await saveAndContinue(page, c.lang);
      } else {
        expect((await postWith(page, r.form.saveAndContinue)).status()).toBe(302);
      }
      await page.goto(returnUrl);
      await page.getByRole("link", { name: r.taskList.checkAndSubmit }).click();
      await expect(page.getByRole("heading", { level: 1, name: r.check.title })).toBeVisible();
      await expect(page.locator("main")).toContainText(c.changed);
      if (c.javaScript) {
        await page.getByRole("button", { name: r.check.submit }).click();
      } else {
        expect((await postWith(page, r.check.submit)).status()).toBe(302);
      }
      await expect(page).toHaveURL(`${returnUrl}/confirmation`);
    });

    await test.step("the reviewer sees what changed, accepts it and approves", async () => {
      const page = staff.page;
      await page.goto(reviewUrl);
      await expect(page.getByText(fmt(a.changedSince, { number: 1 })).first()).toBeVisible();
      // The other sections were sent unchanged: their decisions carried over.
      await expect(page.getByText(a.carriedOver).first()).toBeVisible();
      await expect(page.locator("main")).toContainText(c.changed);
      await decideEach(page, c.lang, (section) =>
        isMeasure(section) ? { decision: "ACCEPTED" } : null,
      );
      const before = (await sinkMessages(c.partner)).length;
      await page.getByRole("button", { name: a.actions.approve }).click();
      await expect(page.getByRole("status").filter({ hasText: a.done.approved })).toBeVisible();
      const approved = await waitForEmail(c.partner, before, 15_000);
      expect(approved.subject).toBe(
        fmt(s.emails.returnApproved.subject, { organisation: c.organisation }),
      );
    });

    await test.step("the contribution is in the central dataset and its CSV", async () => {
      const page = staff.page;
      await page.goto(`/${c.lang}/staff/dataset?year=2023`);
      await expect(
        page.getByRole("heading", { level: 1, name: s.admin.dataset.title }),
      ).toBeVisible();
      const row = page.locator("tbody tr").filter({ hasText: c.organisation });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(c.measure);
      const download = page.getByRole("link", { name: /CSV/ });
      const href = await download.getAttribute("href");
      const response = await page.request.get(href!);
      expect(response.status()).toBe(200);
      const body = (await response.body()).toString("utf8");
      expect(body.charCodeAt(0)).toBe(0xfeff);
      expect(body).toContain(c.organisation);
      expect(body).toContain(c.changed);
    });

    await staff.context.close();
    await partner.context.close();
  });
}
