// The report's frozen editions in a browser, FR and NL, as the demo administrator: reached from
// the report tables' index; the freeze form with the keyboard (a blank title first: the error
// summary, focused); the freeze's progress page (the e2e server shows it however small the
// edition: BACKGROUND_WAIT_MS=0) until it links to the edition; the edition's page with its frozen tables, its downloads and differences;
// the workbook (opened with exceljs); the printable page in the page's language, with the print
// styles; axe and reflow at 320 px on every state. What a freeze keeps and the differences are
// proven in tests/integration/editions-*.test.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { checkAxe, pageTitle, storageStates, type Lang } from "../helpers";
import { expectReflow, focusState } from "../returns-helpers";

const strings = (lang: Lang) =>
  JSON.parse(readFileSync(path.resolve("locales", lang, "editions.json"), "utf8")) as {
    title: string;
    freeze: { titleLabel: string; submit: string };
    errors: { title: string };
    edition: { xlsx: string; print: string; tables: string };
    job: { title: string; done_other: string; toEdition: string };
    differences: { title: string };
    print: { printButton: string; back: string };
    xlsx: { aboutSheet: string; entriesSheet: string };
  };

test.use({ storageState: storageStates.admin });

for (const lang of ["fr", "nl"] as const) {
  test(`report editions: freeze with the keyboard, the edition, its workbook and print view (${lang})`, async ({
    page,
  }) => {
    const s = strings(lang);
    const title = `${lang === "fr" ? "Rapport" : "Verslag"} e2e ${Date.now()}`;

    await test.step("the report tables' index links to the editions", async () => {
      await page.goto(`/${lang}/staff/reports`);
      await page.getByRole("link", { name: s.title, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: s.title })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await checkAxe(page, `${lang} editions list`);
      await expectReflow(page, `${lang} editions list`);
    });

    await test.step("a blank title: the error summary, focused, nothing frozen", async () => {
      const field = page.getByLabel(s.freeze.titleLabel);
      await field.focus();
      await page.keyboard.press("Enter");
      const summary = page.locator(".error-summary");
      await expect(summary).toBeFocused();
      await expect(summary.getByRole("link", { name: s.errors.title })).toBeVisible();
      await expect(page).toHaveTitle(pageTitle(lang, s.title, true));
      await checkAxe(page, `${lang} freeze form with an error`);
      await expectReflow(page, `${lang} freeze form with an error`);
    });

    await test.step("freezing with the keyboard leads to the edition", async () => {
      const field = page.getByLabel(s.freeze.titleLabel);
      await field.focus();
      await page.keyboard.type(title);
      // The plan and the years are filled in (the latest plan, its years): Tab on to the button.
      for (let i = 0; i < 10; i++) {
        await page.keyboard.press("Tab");
        const focus = await focusState(page);
        if (focus.tag === "button") break;
      }
      const focus = await focusState(page);
      expect(focus.tag).toBe("button");
      expect(focus.visible).toBe(true);
      await page.keyboard.press("Enter");
      // The freeze runs in the background; its page shows where it stands, then the edition.
      await expect(page).toHaveURL(
        new RegExp(`/${lang}/staff/reports/editions/freeze/[0-9a-f-]{36}$`),
      );
      await expect(page.getByRole("heading", { level: 1, name: s.job.title })).toBeVisible();
      // "L'édition est figée, avec 12 entrées.", whatever the count.
      await expect(page.getByRole("status")).toContainText(
        s.job.done_other.split("{{total}}")[0]!,
        {
          timeout: 60_000,
        },
      );
      await checkAxe(page, `${lang} edition frozen`);
      await expectReflow(page, `${lang} edition frozen`);
      await page.getByRole("link", { name: s.job.toEdition }).click();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`/${lang}/staff/reports/editions/[a-z0-9]+$`));
      await expect(page.getByRole("heading", { level: 2, name: s.edition.tables })).toBeVisible();
      await expect(
        page.getByRole("heading", { level: 2, name: s.differences.title }),
      ).toBeVisible();
      // Every frozen table with a caption and row headers (or its empty note).
      expect(await page.locator(".frozen-table").count()).toBe(5);
      await expect(page.locator(".frozen-table table th[scope=row]").first()).toBeVisible();
      await checkAxe(page, `${lang} edition`);
      await expectReflow(page, `${lang} edition`);
    });

    await test.step("the keyboard reaches the downloads", async () => {
      await page.locator("body").click({ position: { x: 1, y: 1 } });
      const reached = new Set<string>();
      for (let i = 0; i < 60 && reached.size < 2; i++) {
        await page.keyboard.press("Tab");
        const label = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
        if (label === s.edition.xlsx || label === s.edition.print) {
          expect((await focusState(page)).visible).toBe(true);
          reached.add(label);
        }
      }
      expect([...reached].sort()).toEqual([s.edition.print, s.edition.xlsx].sort());
    });

    await test.step("the workbook holds the edition, headers in the page's language", async () => {
      const href = await page.getByRole("link", { name: s.edition.xlsx }).getAttribute("href");
      expect(href).toMatch(new RegExp(`^/${lang}/staff/reports/editions/[a-z0-9]+\\.xlsx$`));
      const response = await page.request.get(href!);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-disposition"]).toMatch(
        new RegExp(
          `^attachment; filename="(edition|editie)-(rapport|verslag)-e2e-\\d+-[\\d-]+\\.xlsx"$`,
        ),
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await response.body()) as unknown as ArrayBuffer);
      expect(workbook.worksheets[0]!.name).toBe(s.xlsx.aboutSheet);
      expect(workbook.worksheets[0]!.getCell("B1").value).toBe(title);
      expect(workbook.worksheets.at(-1)!.name).toBe(s.xlsx.entriesSheet);
      expect(workbook.worksheets).toHaveLength(7);
    });

    await test.step("the printable page, in the page's language", async () => {
      await page.getByRole("link", { name: s.edition.print }).click();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("button", { name: s.print.printButton })).toBeVisible();
      await expect(page.getByRole("heading", { name: s.differences.title })).toHaveCount(0);
      expect(await page.locator(".frozen-table").count()).toBe(5);
      await checkAxe(page, `${lang} edition, printable`);
      await expectReflow(page, `${lang} edition, printable`);
      await page.emulateMedia({ media: "print" });
      await expect(page.locator(".site-header")).toBeHidden();
      await expect(page.getByRole("button", { name: s.print.printButton })).toBeHidden();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await page.emulateMedia({ media: "screen" });
      await page.getByRole("link", { name: s.print.back }).click();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    });

    await test.step("the list names the new edition", async () => {
      await page.goto(`/${lang}/staff/reports/editions`);
      await expect(page.getByRole("link", { name: title })).toBeVisible();
    });
  });
}
