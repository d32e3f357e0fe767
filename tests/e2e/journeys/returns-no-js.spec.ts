// A partner fills in and submits its annual return with JavaScript OFF (zone 5340, Dutch): the
// same journey with plain form posts only. Works on zone 5340's own 2023 return, which no other
// test changes (access.spec.ts only reads it).
import { expect, test } from "@playwright/test";
import { BASE_URL, accounts, escapeRegExp, pageTitle, storageStates } from "../helpers";
import {
  PDF_BYTES,
  campaignTitle,
  completeReturn,
  expectFieldErrors,
  fmt,
  measureTitle,
  messagesWithSubject,
  openReturnFromHome,
  organisationSectionTitle,
  postWith,
  receiptSubject,
  rs,
  sample,
  taskItems,
  taskRow,
} from "../returns-helpers";

test("fills in its 2023 return in Dutch with JavaScript disabled", async ({ browser }) => {
  test.setTimeout(240_000);
  const lang = "nl";
  const s = rs(lang);
  const r = s.returns;
  const text = sample(lang);
  const organisationName = "Politiezone Brussel-West";
  const context = await browser.newContext({
    javaScriptEnabled: false,
    storageState: storageStates.partnerNl,
  });
  const page = await context.newPage();
  let returnUrl = "";
  let returnId = "";
  let sectionCount = 0;
  let section51Url = "";
  const actions =
    "In 2023 hebben we de patrouilles in de metrostations versterkt en buurtvergaderingen gehouden.";

  await test.step("the partner home and the task list, in Dutch", async () => {
    ({ returnUrl, returnId } = await openReturnFromHome(page, lang));
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    const items = await taskItems(page);
    sectionCount = items.length;
    expect(items.length, "A + 6 funded measures + E").toBe(8);
    expect(items.every((i) => i.status === r.status.NOT_STARTED)).toBe(true);
    // No submitted 2022 return for zone 5340: nothing prefilled from last year.
    expect(items.some((i) => i.hint.includes(r.taskList.prefilled))).toBe(false);
  });

  await test.step("section A: the server shows the errors, then saves and continues", async () => {
    await taskRow(page, organisationSectionTitle.nl).getByRole("link").click();
    await expect(page.locator("#f-organisationName")).toHaveValue(organisationName);
    const response = await postWith(page, r.form.saveAndContinue);
    expect(response.status()).toBe(400);
    await expectFieldErrors(page, [["f-detailsConfirmed", r.errors.choiceRequired]]);
    await expect(page).toHaveTitle(pageTitle(lang, organisationSectionTitle.nl, true));
    await expect(page.locator("#f-organisationName")).toHaveValue(organisationName);
    await page.locator("#f-detailsConfirmed").check();
    const saved = await postWith(page, r.form.saveAndContinue);
    expect(saved.status()).toBe(302);
    await expect(
      page.getByRole("heading", { level: 1, name: measureTitle(lang, "5.1") }),
    ).toBeVisible();
    section51Url = new URL(page.url()).pathname;
  });

  await test.step("5.1: server-side errors with an error summary", async () => {
    const response = await postWith(page, r.form.saveAndContinue);
    expect(response.status()).toBe(400);
    await expectFieldErrors(page, [
      ["f-status", r.errors.choiceRequired],
      ["f-actions", r.errors.required],
      ["f-targetPublics", r.errors.choicesRequired],
    ]);
    await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(s.common.errors.titlePrefix)} `));
    await expect(page.locator("#f-actions")).toHaveAttribute("aria-invalid", "true");
    // The conditional question appears only once "partly" is posted (no JavaScript).
    await expect(page.locator("#f-statusReason")).toHaveCount(0);
  });

  await test.step("5.1: answers, 'Een cijfer toevoegen' and an upload, all with plain posts", async () => {
    await page.locator("#f-status-partly").check();
    await page.locator("#f-actions").fill(actions);
    await page.locator("#f-targetPublics").check();
    await page.locator("#f-targetPublics-victims").check();
    await page.locator("#f-startDate").fill("2023-02-01");
    await page.locator("#f-peopleReached").fill("250");
    await page.locator("#f-staffFte").fill("1,5");
    await page.locator("#f-figures-0-label").fill("Opgeleide agenten");
    await page.locator("#f-figures-0-value").fill("12");
    await page.locator("#f-figures-0-unit").fill("personen");
    await expect(page.locator("#f-figures-1-label")).toHaveCount(0);
    const added = await postWith(page, r.form.addRow);
    expect(added.status()).toBe(302);
    await expect(page.locator("#f-figures-0-label")).toHaveValue("Opgeleide agenten");
    await expect(page.locator("#f-figures-1-label")).toHaveValue("");
    await expect(page.locator("#f-actions")).toHaveValue(actions);
    await expect(page.locator("#f-status-partly")).toBeChecked();
    await expect(page.locator(".error-summary")).toHaveCount(0);
    await page.locator("#f-figures-1-label").fill("Buurtvergaderingen");
    await page.locator("#f-figures-1-value").fill("8");
    await page.locator("#f-figures-1-unit").fill("vergaderingen");

    await page
      .locator("#f-documents")
      .setInputFiles({ name: "verslag.pdf", mimeType: "application/pdf", buffer: PDF_BYTES });
    const uploaded = await postWith(page, r.form.upload);
    expect(uploaded.status()).toBe(302);
    await expect(
      page.locator(".file-list").getByRole("link", { name: "verslag.pdf" }),
    ).toBeVisible();
    await expect(page.locator("#f-figures-1-label")).toHaveValue("Buurtvergaderingen");
    await expect(page.locator("#f-staffFte")).toHaveValue("1,5");
    const href = await page
      .locator(".file-list")
      .getByRole("link", { name: "verslag.pdf" })
      .getAttribute("href");
    const file = await page.request.get(href!);
    expect((await file.body()).equals(PDF_BYTES)).toBe(true);
  });

  await test.step("5.1: the now-visible reason is required, then the section is saved", async () => {
    const response = await postWith(page, r.form.saveAndContinue);
    expect(response.status()).toBe(400);
    await expectFieldErrors(page, [["f-statusReason", r.errors.required]]);
    await page.locator("#f-statusReason").fill(text.reason);
    const saved = await postWith(page, r.form.saveAndContinue);
    expect(saved.status()).toBe(302);
    await expect(page).not.toHaveURL(section51Url);
  });

  await test.step("every other section, then check answers", async () => {
    await completeReturn(page, lang, returnUrl);
    await page.getByRole("link", { name: r.taskList.checkAndSubmit }).click();
    await expect(page.getByRole("heading", { level: 1, name: r.check.title })).toBeVisible();
    const main = page.locator("main");
    await expect(main.locator("section.answers-section")).toHaveCount(sectionCount);
    await expect(main).toContainText(actions);
    await expect(main).toContainText(text.reason);
    await expect(main).toContainText("Buurtvergaderingen");
    await expect(main).toContainText("1,5");
    await expect(main.getByRole("link", { name: "verslag.pdf" })).toHaveCount(1);
  });

  await test.step("submit: confirmation, receipt in Dutch, read-only", async () => {
    const subject = receiptSubject(lang, organisationName);
    const before = (await messagesWithSubject(accounts.partnerNl, subject)).length;
    const response = await postWith(page, r.check.submit);
    expect(response.status()).toBe(302);
    await expect(page).toHaveURL(`${returnUrl}/confirmation`);
    await expect(page.getByRole("heading", { level: 1, name: r.confirmation.title })).toBeVisible();
    await expect(page.locator("main")).toContainText(
      fmt(r.confirmation.receipt, { email: accounts.partnerNl }),
    );
    await expect
      .poll(async () => (await messagesWithSubject(accounts.partnerNl, subject)).length, {
        message: "the Dutch receipt reaches the SMTP sink",
        timeout: 15_000,
        intervals: [200, 500],
      })
      .toBe(before + 1);
    const receipt = (await messagesWithSubject(accounts.partnerNl, subject)).at(-1)!;
    expect(receipt.text).toContain(
      fmt(s.emails.greeting, { name: "Pieter Van den Broeck (demo)" }),
    );
    expect(receipt.text).toContain(campaignTitle(lang, 2023));
    expect(receipt.text).toContain(
      fmt(s.emails.returnReceipt.summary_other, { count: sectionCount }),
    );
    expect(receipt.text).toContain(organisationSectionTitle.nl);
    expect(receipt.text).toMatch(/Maatregel 5\.1 – /);
    expect(receipt.text).toContain(`${BASE_URL}/nl/partner/returns/${returnId}/print`);
    expect(receipt.html).toContain('lang="nl"');
    await page.goto(section51Url);
    await expect(page).toHaveURL(`${returnUrl}/confirmation`);
  });
  await context.close();
});
