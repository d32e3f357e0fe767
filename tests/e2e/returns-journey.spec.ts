// Annual returns, end to end, as partners use them:
// 1. zone 5339 (French, JavaScript on): prefill from last year, autosave, validation errors,
//    attachments, check answers, one submission despite a triple submit, receipt, read-only;
// 2. zone 5340 (Dutch, JavaScript OFF): the same with plain form posts only;
// 3. keyboard only; 4. two people editing the same section (with and without JavaScript);
// 5. access: zone 5339 cannot open, download from or post to zone 5340's return.
//
// Each test works on its own organisation's return (the suite runs on two workers against one
// database): zone 5339 and 5340 through the stored demo sessions, two communes logged in here.
import { readFileSync } from "node:fs";
import { expect, test, type Page, type Response } from "@playwright/test";
import {
  BASE_URL,
  accounts,
  escapeRegExp,
  pageTitle,
  storageStates,
  type Lang,
  sessionState,
  checkAxe,
} from "./helpers";
import {
  FAKE_PDF_BYTES,
  PDF_BYTES,
  campaignTitle,
  completeReturn,
  fillSection,
  fmt,
  focusState,
  messagesWithSubject,
  openReturnFromHome,
  receiptSubject,
  rs,
  sample,
  saveAndContinue,
  saveStatus,
  savedAtPattern,
  taskItems,
  taskRow,
  waitForAutosave,
} from "./returns-helpers";

const organisationSectionTitle = {
  fr: "Votre organisation et vos personnes de contact",
  nl: "Uw organisatie en uw contactpersonen",
} as const;

const measureTitle = (lang: Lang, code: string) =>
  new RegExp(`^${lang === "nl" ? "Maatregel" : "Mesure"} ${escapeRegExp(code)} – `);

/** Clicks a submit button of a plain (no-JS) form and returns the response to the POST. */
async function postWith(page: Page, buttonName: string): Promise<Response> {
  const response = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.request().isNavigationRequest(),
  );
  await page.getByRole("button", { name: buttonName, exact: true }).click();
  const result = await response;
  await page.waitForLoadState("domcontentloaded");
  return result;
}

/** The label inputs of the figures table, one per shown row. */
function figureRows(page: Page) {
  return page.locator('input[id^="f-figures-"][id$="-label"]');
}

/** Error summary checks shared by both journeys: entries link to fields, same text inline. */
async function expectFieldErrors(page: Page, expected: [fieldId: string, message: string][]) {
  const summary = page.locator(".error-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toHaveAttribute("role", "alert");
  await expect(summary.locator("a")).toHaveCount(expected.length);
  for (const [id, message] of expected) {
    await expect(summary.locator(`a[href="#${id}"]`)).toContainText(message);
    await expect(page.locator(`#${id}`), `the summary link target #${id} exists`).toHaveCount(1);
    await expect(page.locator(`#${id}-error`)).toContainText(message);
  }
}

// ---------------------------------------------------------------------------------------------

test("zone 5339 (French): prefill, autosave, errors, files, check, one submission, read-only", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const lang = "fr";
  const s = rs(lang);
  const r = s.returns;
  const text = sample(lang);
  const organisationName = "Zone de police Bruxelles-Capitale/Ixelles";
  const context = await browser.newContext({ storageState: storageStates.partnerFr });
  const page = await context.newPage();
  let returnUrl = "";
  let returnId = "";
  let sectionAUrl = "";
  let section51Url = "";
  let sectionCount = 0;
  const actions51 =
    "En 2023, la zone a renforcé les patrouilles dans les stations et tenu douze réunions de coordination.";

  await test.step("the partner home lists the returns; the task list shows last year's prefill", async () => {
    ({ returnUrl, returnId } = await openReturnFromHome(page, lang));
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page).toHaveTitle(pageTitle(lang, campaignTitle(lang, 2023)));
    for (const [letter, key] of [
      ["A", "organisation"],
      ["B", "funded"],
      ["E", "declaration"],
    ] as const) {
      await expect(
        page.getByRole("heading", { level: 2, name: `${letter}. ${r.groups[key].title}` }),
      ).toBeVisible();
    }
    const items = await taskItems(page);
    sectionCount = items.length;
    expect(items.map((i) => i.title)).toContain(organisationSectionTitle.fr);
    expect(items.length, "A + 6 funded measures + E").toBe(8);
    for (const code of ["5.1", "6.1"]) {
      const row = taskRow(page, measureTitle(lang, code));
      await expect(row).toContainText(r.taskList.prefilled);
      await expect(row.locator(".tag")).toHaveText(r.status.NOT_STARTED);
    }
    // Section A is not prefilled from last year (it comes from our records).
    await expect(taskRow(page, organisationSectionTitle.fr)).not.toContainText(
      r.taskList.prefilled,
    );
    await expect(page.locator("#status-check")).toHaveText(r.taskList.cannotStartYet);
    await expect(page.getByRole("link", { name: r.taskList.checkAndSubmit })).toHaveCount(0);
    sectionAUrl = items.find((i) => i.title === organisationSectionTitle.fr)!.href;
  });

  await test.step("5.1 opens with last year's answers and a notice (axe FR and NL)", async () => {
    await taskRow(page, measureTitle(lang, "5.1")).getByRole("link").click();
    await expect(
      page.getByRole("heading", { level: 1, name: measureTitle(lang, "5.1") }),
    ).toBeVisible();
    section51Url = new URL(page.url()).pathname;
    await expect(page.locator(".inset--notice")).toContainText(r.section.prefilledTitle);
    await expect(page.locator("#f-actions")).toHaveValue(
      /^En 2022, la zone a intégré la mesure 5\.1 dans son plan d'action/,
    );
    await expect(page.locator("#f-status")).toBeChecked();
    await expect(page.locator("#f-peopleReached")).toHaveValue("1250");
    await expect(page.locator("#f-figures-0-label")).toHaveValue("Réunions de coordination");
    await expect(page.locator("#f-figures-1-label")).toHaveValue("Agents formés");
    await expect(
      page.locator("#f-figures-2-label"),
      "one blank row after the saved ones",
    ).toHaveValue("");
    // Files belong to their year: none carried over.
    await expect(page.getByText(r.form.noFiles)).toBeVisible();
    await checkAxe(page, "fr section B prefilled");
    await page.goto(section51Url.replace("/fr/", "/nl/"));
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await expect(page.locator(".inset--notice")).toContainText(
      rs("nl").returns.section.prefilledTitle,
    );
    await checkAxe(page, "nl section B prefilled");
  });

  await test.step("section A: prefilled from our records; typed answers are autosaved", async () => {
    await page.goto(sectionAUrl);
    await expect(page.locator("#f-organisationName")).toHaveValue(organisationName);
    const emails = await page
      .locator('input[id^="f-contacts-"][id$="-email"]')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(emails).toContain(accounts.partnerFr);
    await expect(page.locator("#f-corrections")).toHaveCount(0);
    await page.locator("#f-detailsConfirmed-no").check();
    // A conditional question appears without a round trip.
    await expect(page.locator("#f-corrections")).toBeVisible();
    await page.locator("#f-corrections").fill(text.corrections);
    await waitForAutosave(page, lang);
    // Leave half-way through the breadcrumbs, then come back.
    await page
      .getByRole("navigation", { name: s.common.breadcrumbs })
      .getByRole("link", { name: s.partners.home.title })
      .click();
    await expect(page).toHaveURL("/fr/partner");
    await page.getByRole("link", { name: campaignTitle(lang, 2023), exact: true }).click();
    await expect(taskRow(page, organisationSectionTitle.fr).locator(".tag")).toHaveText(
      r.status.IN_PROGRESS,
    );
    await taskRow(page, organisationSectionTitle.fr).getByRole("link").click();
    await expect(page.locator("#f-detailsConfirmed-no")).toBeChecked();
    await expect(page.locator("#f-corrections")).toHaveValue(text.corrections);
    await expect(saveStatus(page)).toHaveText(savedAtPattern(lang));
  });

  await test.step("section A: text typed just before leaving the page is not lost", async () => {
    const more = `${text.corrections} Nouveau numéro : 02 000 00 00.`;
    await page.locator("#f-corrections").fill(more);
    // Leave at once (before the 1.5 s autosave delay) through a link of the page.
    await page
      .getByRole("navigation", { name: s.common.breadcrumbs })
      .getByRole("link", { name: s.partners.home.title })
      .click();
    await expect(page).toHaveURL("/fr/partner");
    // The save is sent as the page goes away (keepalive): reopen until it has landed.
    await expect
      .poll(
        async () => {
          await page.goto(sectionAUrl);
          return page.locator("#f-corrections").inputValue();
        },
        { message: "autosave on leaving the page (client-side navigation)", timeout: 20_000 },
      )
      .toBe(more);
  });

  await test.step("section A is completed and the next section opens", async () => {
    await page.locator("#f-detailsConfirmed").check();
    await expect(page.locator("#f-corrections")).toHaveCount(0);
    await saveAndContinue(page, lang);
    await expect(page).toHaveURL(section51Url);
  });

  await test.step("5.1: errors are summarised, focused, linked and shown inline; text kept", async () => {
    await page.locator("#f-actions").fill("");
    await page.locator("#f-peopleReached").fill("abc");
    await page.locator("#f-figures-2-label").fill("Réunions de quartier");
    await page.getByRole("button", { name: r.form.saveAndContinue }).click();
    await expectFieldErrors(page, [
      ["f-actions", r.errors.required],
      ["f-peopleReached", r.errors.integer],
      ["f-figures-2-value", r.errors.figureValue],
    ]);
    await expect
      .soft(
        page.locator(".error-summary"),
        "the error summary takes the focus (client-side errors)",
      )
      .toBeFocused({ timeout: 3_000 });
    await expect(
      page.locator(".error-summary").getByRole("heading", { name: s.common.errors.summaryTitle }),
    ).toBeVisible();
    await expect(page).toHaveURL(section51Url);
    await expect(page.locator("#f-actions")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#f-actions")).toHaveAttribute("aria-describedby", /f-actions-error/);
    await expect(page.locator("#f-peopleReached")).toHaveAttribute(
      "aria-describedby",
      /f-peopleReached-error/,
    );
    await expect(page.locator("#f-figures-2-value")).toHaveAttribute("aria-invalid", "true");
    await expect
      .soft(page, 'page title prefixed "Erreur :" when the error summary shows')
      .toHaveTitle(new RegExp(`^${escapeRegExp(s.common.errors.titlePrefix)} `), {
        timeout: 3_000,
      });
    // What was typed is still there.
    await expect(page.locator("#f-peopleReached")).toHaveValue("abc");
    await expect(page.locator("#f-figures-2-label")).toHaveValue("Réunions de quartier");
    await expect(page.locator("#f-figures-0-value")).toHaveValue("12");
    await checkAxe(page, "fr section B with errors (client-side)");
    // Fix everything.
    await page.locator("#f-actions").fill(actions51);
    await page.locator("#f-peopleReached").fill("1 300");
    await page.locator("#f-figures-2-value").fill("6");
    await page.locator("#f-figures-2-unit").fill("réunions");
    await page.locator("#f-staffFte").fill("3,5");
    // The table shows the 3 rows and one blank row to type into, not more.
    await expect
      .soft(figureRows(page), "one blank figure row after the filled ones (JavaScript on)")
      .toHaveCount(4, { timeout: 3_000 });
  });

  let fileHref = "";
  await test.step("5.1: a PDF is attached and downloads with the same bytes", async () => {
    await page
      .locator("#f-documents")
      .setInputFiles({ name: "rapport.pdf", mimeType: "application/pdf", buffer: PDF_BYTES });
    await page.getByRole("button", { name: r.form.upload }).click();
    const fileLink = page.locator(".file-list").getByRole("link", { name: "rapport.pdf" });
    await expect(fileLink).toBeVisible();
    await expect(page.locator(".error-summary")).toHaveCount(0);
    // The answers typed before the upload were saved with it.
    await expect(page.locator("#f-actions")).toHaveValue(actions51);
    await expect(page.locator("#f-figures-2-value")).toHaveValue("6");
    await expect(page.locator("#f-staffFte")).toHaveValue("3,5");
    fileHref = (await fileLink.getAttribute("href"))!;
    expect(fileHref).toMatch(new RegExp(`^/fr/partner/returns/${returnId}/attachments/[^/]+$`));
    const [download] = await Promise.all([page.waitForEvent("download"), fileLink.click()]);
    expect(download.suggestedFilename()).toBe("rapport.pdf");
    expect(readFileSync((await download.path())!).equals(PDF_BYTES)).toBe(true);
    const response = await page.request.get(fileHref);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect(response.headers()["content-disposition"]).toMatch(/^attachment;/);
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect((await response.body()).equals(PDF_BYTES)).toBe(true);
  });

  await test.step("5.1: HTML named x.pdf is refused with a clear error; nothing is stored", async () => {
    await page
      .locator("#f-documents")
      .setInputFiles({ name: "x.pdf", mimeType: "application/pdf", buffer: FAKE_PDF_BYTES });
    await page.getByRole("button", { name: r.form.upload }).click();
    await expectFieldErrors(page, [["f-documents", r.errors.attachmentType]]);
    await expect(page.locator(".error-summary")).toBeFocused();
    await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(s.common.errors.titlePrefix)} `));
    await expect(page.locator(".file-list li")).toHaveCount(1);
    await expect(page.getByRole("link", { name: "x.pdf" })).toHaveCount(0);
    await expect(page.locator("#f-actions")).toHaveValue(actions51);
  });

  await test.step("5.1: after the refused upload, Save and continue saves the section", async () => {
    const posted = page
      .waitForResponse((res) => res.request().method() === "POST", { timeout: 15_000 })
      .catch(() => null);
    await page.getByRole("button", { name: r.form.saveAndContinue }).click();
    const response = await posted;
    const moved = await page
      .waitForURL((url) => url.pathname !== section51Url, { timeout: 15_000 })
      .then(() => true)
      .catch(() => false);
    const shown = moved
      ? ""
      : await page
          .locator(".conflict, .error-summary")
          .first()
          .innerText({ timeout: 1_000 })
          .catch(() => "(nothing shown: no error summary, no conflict panel)");
    expect
      .soft(
        moved,
        `Save and continue after a refused upload did not save the section (POST answered ${response?.status()}):\n${shown}`,
      )
      .toBe(true);
    if (!moved) {
      // Keep going with the rest of the journey from a fresh page (the failure is recorded).
      await page.goto(section51Url);
      await saveAndContinue(page, lang);
    }
    await page.goto(returnUrl);
    await expect(taskRow(page, measureTitle(lang, "5.1")).locator(".tag")).toHaveText(
      r.status.COMPLETED,
    );
    // Not stored: the refused file is nowhere.
    await page.goto(section51Url);
    await expect(page.locator(".file-list li")).toHaveCount(1);
  });

  await test.step("every other section is completed; check answers shows them", async () => {
    const items = await completeReturn(page, lang, returnUrl);
    expect(items.every((i) => i.status === r.status.COMPLETED)).toBe(true);
    await expect(page.locator("#status-check")).toHaveText(r.taskList.ready);
    await page.getByRole("link", { name: r.taskList.checkAndSubmit }).click();
    await expect(page).toHaveURL(`${returnUrl}/check`);
    await expect(page.getByRole("heading", { level: 1, name: r.check.title })).toBeVisible();
    const main = page.locator("main");
    await expect(main.locator("section.answers-section")).toHaveCount(sectionCount);
    await expect(main).toContainText(actions51);
    await expect(main).toContainText("Réunions de quartier");
    await expect(main).toContainText(text.declarantName);
    await expect(main.getByRole("link", { name: "rapport.pdf" })).toHaveCount(1);
    await expect(main.getByRole("link", { name: "x.pdf" })).toHaveCount(0);
    await expect(
      main.getByRole("link", { name: new RegExp(`^${r.check.change} Mesure 5\\.1 – `) }),
    ).toHaveAttribute("href", section51Url);
  });

  const subject = receiptSubject(lang, organisationName);
  await test.step("a triple submit (button + two concurrent POSTs, one key) makes one submission", async () => {
    const before = (await messagesWithSubject(accounts.partnerFr, subject)).length;
    const key = await page.locator('input[name="submissionKey"]').inputValue();
    expect(key).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    const post = () =>
      page.request.post(`${returnUrl}/check`, {
        form: { submissionKey: key },
        headers: { Origin: BASE_URL },
        maxRedirects: 0,
      });
    const [first, second] = await Promise.all([
      post(),
      post(),
      page.getByRole("button", { name: r.check.submit }).click(),
    ]);
    for (const response of [first, second]) {
      expect(response.status()).toBe(302);
      expect(response.headers()["location"]).toBe(`${returnUrl}/confirmation`);
    }
    await expect(page).toHaveURL(`${returnUrl}/confirmation`);
    await expect(page.getByRole("heading", { level: 1, name: r.confirmation.title })).toBeVisible();
    const main = page.locator("main");
    await expect(main).toContainText(organisationName);
    await expect(main).toContainText(fmt(r.confirmation.receipt, { email: accounts.partnerFr }));
    await expect(main).toContainText("Camille Demaret (démo)");

    await expect
      .poll(async () => (await messagesWithSubject(accounts.partnerFr, subject)).length, {
        message: "the receipt reaches the SMTP sink",
        timeout: 15_000,
        intervals: [200, 500],
      })
      .toBe(before + 1);
    const receipt = (await messagesWithSubject(accounts.partnerFr, subject)).at(-1)!;
    expect(receipt.text).toContain(fmt(s.emails.greeting, { name: "Camille Demaret (démo)" }));
    expect(receipt.text).toContain(campaignTitle(lang, 2023));
    expect(receipt.text).toContain(organisationName);
    expect(receipt.text).toContain(
      fmt(s.emails.returnReceipt.summary_other, { count: sectionCount }),
    );
    expect(receipt.text).toContain(organisationSectionTitle.fr);
    expect(receipt.text).toMatch(/Mesure 5\.1 – /);
    expect(receipt.text).toContain(`${BASE_URL}/fr/partner/returns/${returnId}/print`);
    expect(receipt.html).toContain('lang="fr"');
    // Still one, once the outbox worker had time to send any duplicate.
    await page.waitForTimeout(2_000);
    expect((await messagesWithSubject(accounts.partnerFr, subject)).length).toBe(before + 1);
  });

  const tampered = "Texte envoyé après la soumission : il ne doit jamais être enregistré.";
  await test.step("the submitted return is read-only", async () => {
    for (const path of [
      section51Url,
      returnUrl,
      `${returnUrl}/check`,
      `${returnUrl}/contributions/new`,
    ]) {
      await page.goto(path);
      await expect(page, `${path} redirects to the confirmation`).toHaveURL(
        `${returnUrl}/confirmation`,
      );
    }
    for (const version of [0, 1, 2, 3, 4, 5, 6, 8]) {
      const response = await page.request.post(section51Url, {
        multipart: {
          _intent: "complete",
          _version: String(version),
          status: "done",
          actions: tampered,
          targetPublics: "youth",
        },
        headers: { Origin: BASE_URL },
        maxRedirects: 0,
      });
      expect(response.status(), `POST with _version=${version}`).toBe(302);
      expect(response.headers()["location"]).toBe(`${returnUrl}/confirmation`);
    }
    const upload = await page.request.post(section51Url, {
      multipart: {
        _intent: "upload:documents",
        _version: "1",
        "_file.documents": { name: "late.pdf", mimeType: "application/pdf", buffer: PDF_BYTES },
      },
      headers: { Origin: BASE_URL },
      maxRedirects: 0,
    });
    expect(upload.status()).toBe(302);
  });

  await test.step("the print page shows the submitted answers, unchanged", async () => {
    await page.goto(`${returnUrl}/print`);
    await expect(
      page.getByRole("heading", { level: 1, name: campaignTitle(lang, 2023) }),
    ).toBeVisible();
    const main = page.locator("main");
    await expect(main).toContainText(r.returnStatus.SUBMITTED);
    await expect(main).toContainText(actions51);
    await expect(main).toContainText(text.declarantName);
    await expect(main).not.toContainText(tampered);
    await expect(main.getByRole("link", { name: "rapport.pdf" })).toHaveCount(1);
    await expect(main.getByRole("link", { name: "late.pdf" })).toHaveCount(0);
    // And the partner home says it was sent.
    await page.goto("/fr/partner");
    await expect(
      page
        .locator(".card")
        .filter({ has: page.getByRole("link", { name: campaignTitle(lang, 2023), exact: true }) })
        .locator(".tag"),
    ).toHaveText(r.returnStatus.SUBMITTED);
  });
  await context.close();
});

// ---------------------------------------------------------------------------------------------

test.describe("zone 5340 (Dutch)", () => {
  // The access test reads zone 5340's return (and its attachment) once the journey is done.
  test.describe.configure({ mode: "default" });

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
      await expect(
        page.getByRole("heading", { level: 1, name: r.confirmation.title }),
      ).toBeVisible();
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

  test("access: zone 5339 cannot open, download from or post to zone 5340's return", async ({
    browser,
  }) => {
    // Ids from zone 5340's own pages.
    const nlContext = await browser.newContext({ storageState: storageStates.partnerNl });
    const nlPage = await nlContext.newPage();
    await nlPage.goto("/nl/partner");
    const href = await nlPage
      .getByRole("link", { name: campaignTitle("nl", 2023), exact: true })
      .getAttribute("href");
    const returnId = href!.split("/").pop()!;
    const printPath = `/nl/partner/returns/${returnId}/print`;
    await nlPage.goto(printPath);
    const sectionIds = await nlPage
      .locator("section.answers-section h2")
      .evaluateAll((hs) => hs.map((h) => h.id.replace(/^h-/, "")));
    expect(sectionIds.length).toBeGreaterThan(1);
    const attachmentHref = await nlPage
      .locator("main a[href*='/attachments/']")
      .first()
      .getAttribute("href", { timeout: 2_000 })
      .catch(() => null);
    const before = await nlPage.locator("main").innerText();

    const context = await browser.newContext({ storageState: storageStates.partnerFr });
    const page = await context.newPage();
    const base = `/fr/partner/returns/${returnId}`;
    for (const path of [
      base,
      `/nl/partner/returns/${returnId}`,
      `${base}/check`,
      `${base}/confirmation`,
      `${base}/print`,
      `${base}/contributions/new`,
      `${base}/sections/${sectionIds[1]}`,
      `/fr/staff/returns/${returnId}`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), `status of ${path}`).toBe(404);
      const notFound = rs(path.startsWith("/nl/") ? "nl" : "fr").common.errors.notFound.title;
      await expect(page.getByRole("heading", { level: 1, name: notFound })).toBeVisible();
      await expect(page.locator("main")).not.toContainText("Brussel-West");
    }
    await page.goto("/fr/partner");
    await expect(page.locator(`a[href*="${returnId}"]`)).toHaveCount(0);

    const post = (
      path: string,
      multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>,
    ) => page.request.post(path, { multipart, headers: { Origin: BASE_URL }, maxRedirects: 0 });
    for (const sectionId of sectionIds.slice(0, 3)) {
      for (const version of ["1", "2", "3"]) {
        const response = await post(`${base}/sections/${sectionId}`, {
          _intent: "draft",
          _version: version,
          actions: "Écrit par une autre organisation.",
          organisationName: "Écrit par une autre organisation.",
          declarantName: "Écrit par une autre organisation.",
        });
        expect(response.status(), `POST to section ${sectionId}`).toBe(404);
      }
      const upload = await post(`${base}/sections/${sectionId}`, {
        _intent: "upload:documents",
        _version: "1",
        "_file.documents": { name: "intrus.pdf", mimeType: "application/pdf", buffer: PDF_BYTES },
      });
      expect(upload.status()).toBe(404);
    }
    expect(
      (await post(`${base}/check`, { submissionKey: "abcdefghijklmnopqrstuvwx" })).status(),
    ).toBe(404);
    expect((await post(`${base}/contributions/new`, { measure: "1.1" })).status()).toBe(404);
    expect((await post(`${base}/contributions/${sectionIds[1]}/remove`, {})).status()).toBe(404);

    // Its attachment (uploaded by the Dutch journey).
    expect(attachmentHref, "zone 5340's return has an attachment to try").toBeTruthy();
    for (const path of [attachmentHref!, attachmentHref!.replace("/nl/", "/fr/")]) {
      const response = await page.request.get(path);
      expect(response.status(), `GET ${path}`).toBe(404);
      expect((await response.body()).subarray(0, 5).toString("latin1")).not.toBe("%PDF-");
    }
    // Positive control: zone 5340 itself downloads it.
    expect((await nlPage.request.get(attachmentHref!)).status()).toBe(200);

    // Zone 5340's return is unchanged.
    await nlPage.goto(printPath);
    expect(await nlPage.locator("main").innerText()).toBe(before);
    await context.close();
    await nlContext.close();
  });
});

// ---------------------------------------------------------------------------------------------

test("keyboard only: a contribution section is completed with Tab, Space, typing and Enter", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const lang = "fr";
  const r = rs(lang).returns;
  // Commune de Saint-Josse-ten-Noode: a return no other test touches.
  const state = sessionState("prevention.saint-josse@example.org");
  const context = await browser.newContext({ storageState: state });
  const page = await context.newPage();
  const { returnUrl } = await openReturnFromHome(page, lang);
  const first = (await taskItems(page)).find((i) => /^Mesure /.test(i.title))!;
  const notVisible: string[] = [];

  async function tabTo(target: ReturnType<Page["locator"]>, key = "Tab", max = 250) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(key);
      const focus = await focusState(page);
      if (!focus.visible) notVisible.push(focus.what);
      if (await target.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error(`${key} never reached ${target}`);
  }

  // Task list → the first funded-measure section.
  await tabTo(page.getByRole("link", { name: first.title, exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(first.href);
  await expect(page.locator("#f-status")).toBeVisible();

  const typed = "Nous avons animé des ateliers de prévention dans trois écoles de la commune.";
  await tabTo(page.locator("#f-status"));
  await page.keyboard.press("Space");
  await expect(page.locator("#f-status")).toBeChecked();
  await tabTo(page.locator("#f-actions"));
  await page.keyboard.type(typed);
  // Back to the radios and forward again.
  await page.keyboard.press("Shift+Tab");
  await expect(page.locator("#f-status")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.locator("#f-actions")).toBeFocused();
  await tabTo(page.locator("#f-targetPublics"));
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await expect(page.locator("#f-targetPublics-victims")).toBeFocused();
  await page.keyboard.press("Space");
  await expect
    .soft(figureRows(page), "typing does not add blank figure rows (one row to type into)")
    .toHaveCount(1, { timeout: 3_000 });
  const save = page.getByRole("button", { name: r.form.saveAndContinue });
  await tabTo(save);
  expect((await focusState(page)).visible, "the focused button shows its focus").toBe(true);
  await expect(saveStatus(page)).not.toHaveText(r.form.saving);
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(first.href);

  expect.soft(notVisible, "every element reached with Tab shows a visible focus").toEqual([]);

  await page.goto(returnUrl);
  await expect(taskRow(page, first.title).locator(".tag")).toHaveText(r.status.COMPLETED);
  await page.goto(first.href);
  await expect(page.locator("#f-actions")).toHaveValue(typed);
  await expect(page.locator("#f-targetPublics")).toBeChecked();
  await expect(page.locator("#f-targetPublics-victims")).toBeChecked();
  await context.close();
});

// ---------------------------------------------------------------------------------------------

test("concurrency: a stale save gets 409 / the conflict panel, keeps its text, and can win", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const lang = "fr";
  const r = rs(lang).returns;
  // Commune de Watermael-Boitsfort: a return no other test touches.
  const state = sessionState("prevention.watermael-boitsfort@example.org");
  const contextA = await browser.newContext({ storageState: state });
  const a = await contextA.newPage();
  const { returnUrl } = await openReturnFromHome(a, lang);
  const items = await taskItems(a);
  const measures = items.filter((i) => /^Mesure /.test(i.title));
  expect(measures.length).toBeGreaterThanOrEqual(2);
  const [first, second] = measures as [(typeof measures)[0], (typeof measures)[0]];

  await test.step("without JavaScript: a stale POST gets 409 and keeps the posted text", async () => {
    const contextC = await browser.newContext({ javaScriptEnabled: false, storageState: state });
    const c = await contextC.newPage();
    await c.goto(first.href);
    await a.goto(first.href);
    const textA = "Version A : rédigée dans le premier onglet, enregistrée automatiquement.";
    const textC = "Version C : rédigée sans JavaScript pendant que A enregistrait la sienne.";
    await a.locator("#f-actions").fill(textA);
    await waitForAutosave(a, lang);

    await c.locator("#f-status").check();
    await c.locator("#f-targetPublics").check();
    await c.locator("#f-actions").fill(textC);
    const stale = await postWith(c, r.form.saveAndContinue);
    expect(stale.status()).toBe(409);
    const conflict = c.getByRole("alert").filter({ hasText: r.conflict.title });
    await expect(conflict).toBeVisible();
    await expect(c.locator("#f-actions")).toHaveValue(textC);
    await expect(c.locator("#f-status")).toBeChecked();
    await expect(c.locator("#f-targetPublics")).toBeChecked();
    await conflict.getByText(r.conflict.showTheirs).click();
    await expect(conflict.locator("details")).toContainText(textA);
    // Posting again (the form now carries the version it was shown) keeps C's version.
    const again = await postWith(c, r.form.saveAndContinue);
    expect(again.status()).toBe(302);
    await a.reload();
    await expect(a.locator("#f-actions")).toHaveValue(textC);
    await contextC.close();
  });

  await test.step("with JavaScript: conflict panel, their version, keep mine", async () => {
    const contextB = await browser.newContext({ storageState: state });
    const b = await contextB.newPage();
    await a.goto(second.href);
    await b.goto(second.href);
    await expect(b.locator("#f-actions")).toBeVisible();
    const textA = "Version A : enregistrée automatiquement pendant que B écrivait.";
    const textB = "Version B : écrite dans un onglet resté ouvert, qui doit gagner.";
    await a.locator("#f-actions").fill(textA);
    await waitForAutosave(a, lang);

    await fillSection(b, lang, "contribution");
    await b.locator("#f-actions").fill(textB);
    await b.getByRole("button", { name: r.form.saveAndContinue }).click();
    const conflict = b.getByRole("alert").filter({ hasText: r.conflict.title });
    await expect
      .soft(conflict, "Save and continue on a stale page shows the conflict panel")
      .toBeVisible({ timeout: 5_000 });
    let mine = textB;
    if (!(await conflict.isVisible())) {
      // The failure is recorded above; an autosave shows the panel so the rest can be checked.
      mine = `${textB} !`;
      await b.locator("#f-actions").fill(mine);
      await expect(conflict).toBeVisible({ timeout: 15_000 });
    }
    await expect(b).toHaveURL(second.href);
    await expect(b.locator("#f-actions")).toHaveValue(mine);
    await conflict.getByText(r.conflict.showTheirs).click();
    await expect(conflict.locator("details")).toContainText(textA);
    await conflict.getByRole("button", { name: r.conflict.keepMine }).click();
    await expect(conflict).toBeHidden();
    await waitForAutosave(b, lang);
    await b.reload();
    await expect(b.locator("#f-actions")).toHaveValue(mine);
    await a.reload();
    await expect(a.locator("#f-actions")).toHaveValue(mine);
    await contextB.close();
  });

  await test.step("Save and continue while one's own autosave is on its way is no conflict", async () => {
    const declaration = items.at(-1)!;
    await a.goto(declaration.href);
    await expect(a.locator("#f-declarantName")).toBeVisible();
    // A slow network: the autosave reaches the server at once, its answer comes back late.
    await a.route("**/sections/**", async (route) => {
      const request = route.request();
      if (request.method() === "POST" && (request.postData() ?? "").includes("autosave")) {
        const response = await route.fetch();
        await new Promise((resolve) => setTimeout(resolve, 4_000));
        await route.fulfill({ response }).catch(() => undefined);
      } else {
        await route.continue();
      }
    });
    await fillSection(a, lang, "declaration");
    await expect(saveStatus(a)).toHaveText(r.form.saving, { timeout: 10_000 });
    const posted = a.waitForResponse(
      (res) =>
        res.request().method() === "POST" && !(res.request().postData() ?? "").includes("autosave"),
    );
    await a.getByRole("button", { name: r.form.saveAndContinue }).click();
    const status = (await posted).status();
    await expect(
      a,
      `the declaration is saved and the task list opens (the save answered ${status})`,
    ).toHaveURL(returnUrl, { timeout: 15_000 });
    await a.unrouteAll({ behavior: "ignoreErrors" });
    await a.goto(returnUrl);
    await expect(taskRow(a, declaration.title).locator(".tag")).toHaveText(r.status.COMPLETED);
  });
  await contextA.close();
});
