// A partner fills in and submits its annual return with JavaScript on (zone 5339, French):
// prefill from last year, autosave, validation errors, attachments, check answers, one
// submission with its receipt, then read-only. Works on zone 5339's own 2023 return, which no
// other test changes. Concurrent and repeated submissions, and every refused write after
// submission, are proven in tests/integration/returns-submit.test.ts.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { BASE_URL, accounts, checkAxe, escapeRegExp, pageTitle, storageStates } from "../helpers";
import {
  FAKE_PDF_BYTES,
  PDF_BYTES,
  campaignTitle,
  completeReturn,
  expectFieldErrors,
  figureRows,
  fmt,
  measureTitle,
  messagesWithSubject,
  openReturnFromHome,
  organisationSectionTitle,
  receiptSubject,
  rs,
  sample,
  saveAndContinue,
  saveStatus,
  savedAtPattern,
  taskItems,
  taskRow,
  waitForAutosave,
  waitForRendered,
} from "../returns-helpers";

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
  const declarant = new RegExp(`${escapeRegExp(text.declarantName)}|Camille Demaret \\(démo\\)`);
  const actions51 =
    "En 2023, la zone a renforcé les patrouilles dans les stations et tenu douze réunions de coordination.";

  await test.step("the partner home lists the returns; the task list shows last year's prefill", async () => {
    ({ returnUrl, returnId } = await openReturnFromHome(page, lang));
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page).toHaveTitle(pageTitle(lang, campaignTitle(lang, 2023)));
    // Groups are lettered as shown (an empty group takes no letter): A and B, then the
    // declaration with the next letter.
    for (const [letter, key] of [
      ["A", "organisation"],
      ["B", "funded"],
      ["[C-E]", "declaration"],
    ] as const) {
      await expect(
        page.getByRole("heading", {
          level: 2,
          name: new RegExp(`^${letter}\\. ${escapeRegExp(r.groups[key].title)}$`),
        }),
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
    // The declarant is the signed-in person when the section prefills it, else the sample name.
    await expect(main).toContainText(declarant);
    await expect(main.getByRole("link", { name: "rapport.pdf" })).toHaveCount(1);
    await expect(main.getByRole("link", { name: "x.pdf" })).toHaveCount(0);
    await expect(
      main.getByRole("link", { name: new RegExp(`^${r.check.change} Mesure 5\\.1 – `) }),
    ).toHaveAttribute("href", section51Url);
  });

  // A second tab, in Dutch, left open on a section while the return is sent from the first: its
  // next autosave is refused by the server (409), which the page must say without losing text.
  const otherTab = await context.newPage();
  const otherTabUrl = section51Url.replace(/^\/fr\//, "/nl/");
  await otherTab.goto(otherTabUrl);
  await waitForRendered(otherTab);

  const subject = receiptSubject(lang, organisationName);
  await test.step("submitting makes one submission, a confirmation and one receipt", async () => {
    const before = (await messagesWithSubject(accounts.partnerFr, subject)).length;
    await page.getByRole("button", { name: r.check.submit }).click();
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
  });

  await test.step("a tab left open (in Dutch) is told its autosave was refused, keeps the text, does not retry", async () => {
    const nl = rs("nl").returns;
    const autosaves: string[] = [];
    otherTab.on("request", (request) => {
      if (request.method() === "POST" && request.url().endsWith("/autosave")) {
        autosaves.push(request.url());
      }
    });
    const field = otherTab.locator("#f-actions");
    const typed = "Tekst getypt nadat het verslag vanuit een ander tabblad is ingediend";
    await field.fill(typed);
    const alert = otherTab.getByRole("alert").filter({ hasText: nl.saveRefused.title });
    await expect(alert).toBeVisible({ timeout: 15_000 });
    await expect(alert).toContainText(nl.saveRefused.locked);
    await expect(field).toHaveValue(typed);
    expect(autosaves).toHaveLength(1);

    // More typing and coming back to the tab send nothing more: the server would refuse it.
    await field.fill(`${typed}, nog meer`);
    await otherTab.evaluate(() => window.dispatchEvent(new Event("focus")));
    await otherTab.waitForTimeout(2_500); // longer than the autosave's pause in typing
    expect(autosaves).toHaveLength(1);
    await expect(field).toHaveValue(`${typed}, nog meer`);
    await otherTab.close();
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
    // Every version is refused the same way (tests/integration/returns-submit.test.ts).
    for (const version of [1]) {
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
    // The declarant is the signed-in person when the section prefills it, else the sample name.
    await expect(main).toContainText(declarant);
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
