// The staff directory import page (/:lang/staff/partners/import) in a browser, FR and NL, with the
// keyboard only: the empty page; a file with a bad row (the error summary takes focus, the error
// table gives line, column and reason, nothing is saved); a file of one new organisation, planned
// then imported, which the partners list then shows. axe and 320 px reflow on every state. The
// rules (columns, matching, limits, idempotence) are proven in tests/integration/import-*.test.ts.
// Each run imports an organisation of its own (a fresh enterprise number): no order with others.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { checkAxe, storageStates, type Lang } from "../helpers";
import { expectReflow, focusState } from "../returns-helpers";

type Imports = typeof import("../../../locales/fr/imports.json");
type Directory = typeof import("../../../locales/fr/directory.json");
type Common = typeof import("../../../locales/fr/common.json");
const load = <T>(lang: Lang, ns: string) =>
  JSON.parse(readFileSync(path.resolve("locales", lang, `${ns}.json`), "utf8")) as T;

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));

/** Headers as people write them in each language (docs/directory-import.md). */
const headers = {
  fr: { kind: "type", identifier: "identifiant", nameFr: "nom_fr", nameNl: "nom_nl", ngo: "ASBL" },
  nl: {
    kind: "soort",
    identifier: "identificatie",
    nameFr: "naam_fr",
    nameNl: "naam_nl",
    ngo: "vzw",
  },
};

/** An enterprise number no seed or test uses: 0 + seven digits of this run, mod-97 checked. */
function freshEnterpriseNumber(offset: number) {
  const base = `0${String((Date.now() + offset) % 10_000_000).padStart(7, "0")}`;
  const check = String(97 - (Number(base) % 97)).padStart(2, "0");
  const digits = base + check;
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}

function csv(lang: Lang, rows: string[][]) {
  const h = headers[lang];
  const lines = [[h.kind, h.identifier, h.nameFr, h.nameNl], ...rows].map((r) => r.join(";"));
  return Buffer.from(`${lines.join("\n")}\n`, "utf8");
}

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

/** Chooses a file as a keyboard user does: Tab to the file input, Space opens the chooser. */
async function chooseFile(page: Page, lang: Lang, name: string, buffer: Buffer) {
  const input = page.locator("#file");
  await page.locator("h1").focus();
  await tabTo(page, input, `${lang} file input`);
  // Headless Chromium under load once let a Space press go by without a chooser (CI, 90 s
  // timeout): pressed again while the input keeps the focus, as a keyboard user would.
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const chooser = page.waitForEvent("filechooser", { timeout: 10_000 }).catch(() => null);
    await page.keyboard.press("Space");
    const opened = await chooser;
    if (opened) return opened.setFiles({ name, mimeType: "text/csv", buffer });
    await expect(input, `${lang} file input keeps the focus`).toBeFocused();
  }
  throw new Error(`${lang}: Space on the file input opened no chooser, three times`);
}

async function check(page: Page, label: string) {
  await checkAxe(page, label);
  await expectReflow(page, label);
}

test.use({ storageState: storageStates.admin });

for (const [index, lang] of (["fr", "nl"] as const).entries()) {
  test(`directory import: a bad row, then one new organisation, with the keyboard (${lang})`, async ({
    page,
  }) => {
    const t = load<Imports>(lang, "imports");
    const d = load<Directory>(lang, "directory");
    const common = load<Common>(lang, "common");
    const h = headers[lang];
    const dryRun = page.getByRole("button", { name: t.form.submit });

    await test.step("the empty page", async () => {
      await page.goto(`/${lang}/staff/partners/import`);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.title);
      await check(page, `${lang} import page`);
    });

    await test.step("a bad row: listed with its line, column and reason; nothing saved", async () => {
      // 0400.000.087: the check digits of 0400.000.0xx are 86.
      await chooseFile(
        page,
        lang,
        "bad.csv",
        csv(lang, [[h.ngo, "0400.000.087", "ASBL X", "vzw X"]]),
      );
      await tabTo(page, dryRun, `${lang} dry run button`);
      await page.keyboard.press("Enter");
      const summary = page.locator(".error-summary");
      await expect(summary).toContainText(fill(t.result.errorsIntro_one, { count: 1 }));
      await expect(summary).toBeFocused();
      await expect(page).toHaveTitle(new RegExp(`^${common.errors.titlePrefix}`));
      const errors = page.getByRole("region", { name: t.result.errorsCaption });
      const row = errors.getByRole("row").nth(1);
      await expect(row.getByRole("cell").nth(1)).toHaveText("2");
      await expect(row.getByRole("cell").nth(2)).toHaveText(h.identifier);
      await expect(row.getByRole("cell").nth(3)).toHaveText(d.errors.identifierChecksum);
      await expect(page.getByRole("button", { name: t.result.apply })).toHaveCount(0);
      await check(page, `${lang} import errors`);
    });

    const number = freshEnterpriseNumber(index);
    const nameFr = `ASBL Import E2E ${lang} ${number}`;
    const nameNl = `vzw Import E2E ${lang} ${number}`;

    await test.step("one new organisation: planned, then imported", async () => {
      await chooseFile(page, lang, "new.csv", csv(lang, [[h.ngo, number, nameFr, nameNl]]));
      await tabTo(page, dryRun, `${lang} dry run button`);
      await page.keyboard.press("Enter");
      await expect(page.getByText(t.result.ready)).toBeVisible();
      const counts = page.getByRole("region", { name: t.result.countsCaption });
      await expect(
        counts.getByRole("row", { name: new RegExp(`^${t.entities.organisation}`) }),
      ).toHaveText(new RegExp(`^${t.entities.organisation}\\s*1\\s*0\\s*0$`));
      const change = page
        .getByRole("region", { name: t.result.changesCaption })
        .getByRole("row")
        .nth(1)
        .getByRole("cell");
      await expect(change).toHaveText([
        t.sheets.organisations,
        "2",
        t.actions.create,
        "–",
        number,
        "–",
      ]);
      await check(page, `${lang} import dry run`);

      await tabTo(
        page,
        page.getByRole("button", { name: t.result.apply }),
        `${lang} import button`,
      );
      await page.keyboard.press("Enter");
      await expect(
        page.getByRole("status").filter({ hasText: t.result.applied.slice(0, 12) }),
      ).toHaveText(fill(t.result.applied, { created: 1, updated: 0, unchanged: 0 }));
      await expect(
        page.getByRole("heading", { level: 2, name: t.result.appliedHeading }),
      ).toBeVisible();
      await check(page, `${lang} import applied`);
    });

    await test.step("the partners list shows it", async () => {
      await page.goto(`/${lang}/staff/partners?q=${encodeURIComponent(number)}`);
      await expect(page.getByRole("link", { name: lang === "fr" ? nameFr : nameNl })).toBeVisible();
    });
  });
}
