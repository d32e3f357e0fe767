// The staff contributions import page (/:lang/staff/dataset/import) in a browser, FR and NL, with
// the keyboard only: the empty page (reached from the dataset page's link); a file with a bad row
// (the error summary takes focus, the error table gives line, column and reason, no import
// button); a clean file checked then imported, whose job page shows the result and links to the
// imported entries in the dataset; the CSV template. axe and 320 px reflow on every state. The
// rules are proven in tests/integration/contributions-*.test.ts. Each run imports a row of its
// own (its narrative names the run) on a measure the demo history already counts for police
// zones (5.1 in 2022), so no table's distinct-measure count moves for other tests.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { checkAxe, storageStates, type Lang } from "../helpers";
import { expectReflow, focusState } from "../returns-helpers";

type Contributions = typeof import("../../../locales/fr/contributions.json");
type Common = typeof import("../../../locales/fr/common.json");
type Admin = typeof import("../../../locales/fr/admin.json");
const load = <T>(lang: Lang, ns: string) =>
  JSON.parse(readFileSync(path.resolve("locales", lang, `${ns}.json`), "utf8")) as T;
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));

const headers = {
  fr: ["année", "organisation", "canal", "mesure", "récit", "langue"],
  nl: ["jaar", "organisatie", "kanaal", "maatregel", "verhaal", "taal"],
};
const csv = (lang: Lang, rows: string[][]) =>
  Buffer.from(`${[headers[lang], ...rows].map((r) => r.join(";")).join("\n")}\n`, "utf8");

/** Tab forward until `target` has the focus, then check the focus is visible. */
async function tabTo(page: Page, target: Locator, label: string) {
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) {
      expect((await focusState(page)).visible, `visible focus on ${label}`).toBe(true);
      return;
    }
  }
  throw new Error(`${label} was not reached with the Tab key`);
}

async function chooseFile(page: Page, lang: Lang, name: string, buffer: Buffer) {
  await page.locator("h1").focus();
  await tabTo(page, page.locator("#file"), `${lang} file input`);
  // The field is reached with the keyboard; the file is then given to it directly. Waiting for
  // the native chooser that Space opens timed out now and then on a loaded machine (the
  // browser's own dialog, not our page).
  await page.locator("#file").setInputFiles({ name, mimeType: "text/csv", buffer });
}

async function check(page: Page, label: string) {
  await checkAxe(page, label);
  await expectReflow(page, label);
}

test.use({ storageState: storageStates.admin });

for (const lang of ["fr", "nl"] as const) {
  test(`contributions import: a bad row, then a clean file imported, with the keyboard (${lang})`, async ({
    page,
  }) => {
    const t = load<Contributions>(lang, "contributions");
    const common = load<Common>(lang, "common");
    const admin = load<Admin>(lang, "admin");
    const dryRun = page.getByRole("button", { name: t.form.submit });

    await test.step("reached from the dataset page", async () => {
      await page.goto(`/${lang}/staff/dataset`);
      await page.getByRole("link", { name: t.link }).click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/staff/dataset/import$`));
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.title);
      await check(page, `${lang} contributions import page`);
    });

    await test.step("the template is a CSV headed in the page's language", async () => {
      const link = page.getByRole("link", { name: t.templates.download });
      const response = await page.request.get((await link.getAttribute("href"))!);
      expect(response.status()).toBe(200);
      const body = (await response.body()).toString("utf8");
      expect(body.startsWith(`\ufeff${headers[lang][0]};${headers[lang][1]};`)).toBe(true);
      // The header line only: no example row to import by mistake.
      expect(body.trimEnd().split(/\r?\n/)).toHaveLength(1);
    });

    await test.step("a bad row: its line, column and reason; no import button", async () => {
      await chooseFile(page, lang, "bad.csv", csv(lang, [["2022", "9999", "FSE", "5.1", "", ""]]));
      await tabTo(page, dryRun, `${lang} check button`);
      await page.keyboard.press("Enter");
      const summary = page.locator(".error-summary");
      await expect(summary).toContainText(fill(t.result.errorsIntro_one, { total: 1 }));
      await expect(summary).toBeFocused();
      await expect(page).toHaveTitle(new RegExp(`^${common.errors.titlePrefix}`));
      const row = page
        .getByRole("region", { name: t.result.errorsCaption })
        .getByRole("row")
        .nth(1)
        .getByRole("cell");
      await expect(row).toHaveText([
        "2",
        headers[lang][1]!,
        fill(t.errors.unknownOrganisation, { value: "9999" }),
      ]);
      await expect(page.getByRole("button", { name: /^(Importer|importeren)/ })).toHaveCount(0);
      await check(page, `${lang} contributions import errors`);
    });

    await test.step("a clean file: checked, imported, its result and the dataset", async () => {
      const narrative = `E2E ${lang} ${Date.now()} : patrouilles.`;
      await chooseFile(
        page,
        lang,
        "historique.csv",
        csv(lang, [["2022", "5339", "FSE", "5.1", narrative, lang]]),
      );
      await tabTo(page, dryRun, `${lang} check button`);
      await page.keyboard.press("Enter");
      await expect(page.getByText(t.result.ready)).toBeVisible();
      const counts = page.getByRole("region", { name: t.result.countsCaption });
      await expect(counts.getByRole("row").nth(1)).toHaveText(/^\s*1\s*1\s*0\s*$/);
      await check(page, `${lang} contributions dry run`);

      const apply = page.getByRole("button", { name: fill(t.result.apply_one, { total: 1 }) });
      await tabTo(page, apply, `${lang} import button`);
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(new RegExp(`/${lang}/staff/dataset/import/[0-9a-f-]{36}$`));
      await expect(page.getByRole("status")).toHaveText(t.job.done);
      const result = page.getByRole("region", { name: t.job.doneCaption });
      await expect(result.getByRole("row").nth(1)).toHaveText(/^\s*1\s*1\s*0\s*0\s*$/);
      await check(page, `${lang} contributions import done`);

      await page.getByRole("link", { name: t.job.toDataset }).click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/staff/dataset\\?year=all&import=[\\w-]+$`));
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      // This import's entry, with its file and line as provenance.
      await expect(page.getByRole("row").filter({ hasText: narrative })).toContainText(
        fill(admin.dataset.importedFrom, { file: "historique.csv", line: 2 }),
      );
    });
  });
}
