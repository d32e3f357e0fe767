// The completeness dashboard (/:lang/staff/campaigns/:campaignId/completeness) of the demo's
// 2023 campaign in a browser, FR and NL: axe, reflow at 320 px, every chart's figures equal to
// its table's, the CSV link and the "send now" buttons reached with the keyboard, the charts
// drawn with JavaScript off (server SVG, no script needed). The figures themselves, the late
// list and the CSV's content are proven in tests/integration/completeness*.test.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { checkAxe, storageStates, type Lang } from "../helpers";
import { expectReflow, focusState } from "../returns-helpers";

interface Strings {
  heading: string;
  states: { caption: string; valueLabel: string };
  groups: { channelCaption: string; kindCaption: string; rateLabel: string };
  late: { caption: string; download: string; sendNowLabel: string; sendAll: string };
}

const strings = (lang: Lang) =>
  JSON.parse(readFileSync(path.resolve("locales", lang, "completeness.json"), "utf8")) as Strings;

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? "");

const campaignTitle = { fr: "Rapport annuel PGSP 2023", nl: "GVPP-jaarverslag 2023" };

/** The dashboard of the demo's open 2023 campaign, found from the campaigns list. */
async function openDashboard(page: Page, lang: Lang) {
  await page.goto(`/${lang}/staff/campaigns`);
  const link = page.getByRole("link", { name: campaignTitle[lang], exact: true });
  const campaignPath = await link.getAttribute("href");
  expect(campaignPath).toMatch(new RegExp(`^/${lang}/staff/campaigns/[^/]+$`));
  const url = `${campaignPath}/completeness`;
  await page.goto(url);
  return url;
}

const cellTexts = (row: ReturnType<Page["locator"]>) =>
  row.locator("th, td").evaluateAll((cells) => cells.map((c) => c.textContent?.trim() ?? ""));

test.describe(() => {
  test.use({ storageState: storageStates.admin });

  for (const lang of ["fr", "nl"] as const) {
    test(`completeness dashboard: axe, figures, keyboard, 320 px (${lang})`, async ({ page }) => {
      const s = strings(lang);
      await openDashboard(page, lang);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(
        page.getByRole("heading", {
          level: 1,
          name: fill(s.heading, { campaign: campaignTitle[lang] }),
        }),
      ).toBeVisible();

      await test.step("axe and reflow", async () => {
        await checkAxe(page, `${lang} completeness dashboard`);
        await expectReflow(page, `${lang} completeness dashboard`);
      });

      await test.step("each chart says what its table says", async () => {
        const statesChart = page.locator('svg[data-chart="chart-states"]');
        await expect(statesChart).toHaveAttribute("role", "img");
        const stateRows = page.locator("table.completeness-states tbody tr");
        expect(await stateRows.count()).toBe(6);
        let total = 0;
        for (const row of await stateRows.all()) {
          const bucket = (await row.getAttribute("data-bucket"))!;
          const [name, count, share] = await cellTexts(row);
          const bar = statesChart.locator(`g[data-bar="${bucket}"]`);
          await expect(bar.locator(".chart__label")).toHaveText(name!);
          await expect(bar.locator(".chart__value")).toHaveText(
            fill(s.states.valueLabel, { count: count!, share: share! }),
          );
          total += Number(count!.replace(/\D/g, ""));
        }
        // The buckets hold every expected return once.
        const [, expected] = await cellTexts(page.locator("table.completeness-states tfoot tr"));
        expect(total).toBe(Number(expected!.replace(/\D/g, "")));
        expect(total).toBeGreaterThan(0);

        for (const [chart, table] of [
          ["chart-channel", "table.completeness-channel"],
          ["chart-kind", "table.completeness-kind"],
        ] as const) {
          const rows = page.locator(`${table} tbody tr`);
          expect(await rows.count()).toBeGreaterThan(1);
          for (const row of await rows.all()) {
            const group = (await row.getAttribute("data-group"))!;
            const [name, groupExpected, received, receivedRate] = await cellTexts(row);
            const bar = page.locator(`svg[data-chart="${chart}"] g[data-bar="${group}"]`);
            await expect(bar.locator(".chart__label")).toHaveText(name!);
            await expect(bar.locator(".chart__value")).toHaveText(
              fill(s.groups.rateLabel, {
                rate: receivedRate!,
                count: received!,
                of: groupExpected!,
              }),
            );
          }
        }
      });

      await test.step("the keyboard reaches the CSV link and the send-now buttons", async () => {
        const download = page.getByRole("link", { name: s.late.download });
        await expect(download).toBeVisible();
        const sendOne = page.locator("table.completeness-late button").first();
        await expect(sendOne).toBeVisible();
        const sendOneName = (await sendOne.getAttribute("aria-label"))!;
        expect(sendOneName.startsWith(fill(s.late.sendNowLabel, { organisation: "" }))).toBe(true);
        await page.locator("body").click({ position: { x: 1, y: 1 } });
        const reached = new Set<string>();
        for (let i = 0; i < 200 && reached.size < 3; i++) {
          await page.keyboard.press("Tab");
          const focus = await focusState(page);
          const label = await page.evaluate(
            () =>
              document.activeElement?.getAttribute("aria-label") ??
              document.activeElement?.textContent?.trim() ??
              "",
          );
          for (const wanted of [s.late.download, s.late.sendAll, sendOneName]) {
            if (label === wanted) {
              expect(focus.visible, `focus visible on ${focus.what}`).toBe(true);
              reached.add(wanted);
            }
          }
        }
        expect([...reached].sort()).toEqual([s.late.download, s.late.sendAll, sendOneName].sort());
      });

      await test.step("the CSV link gives the late list", async () => {
        const href = await page.getByRole("link", { name: s.late.download }).getAttribute("href");
        const response = await page.request.get(href!);
        expect(response.status()).toBe(200);
        expect(response.headers()["content-disposition"]).toMatch(
          /^attachment; filename="(partenaires-en-retard|partners-te-laat)-2023-\d{4}-\d{2}-\d{2}\.csv"$/,
        );
        const body = await response.body();
        expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const lines = body.subarray(3).toString("utf8").trim().split("\r\n");
        // The header, then the late partners (other tests may send some meanwhile).
        expect(lines[0]).toMatch(
          lang === "fr" ? /^Organisation;Type d'organisation;/ : /^Organisatie;/,
        );
        expect(lines.length).toBeGreaterThan(1);
      });
    });
  }

  test("the charts are drawn on the server: there with JavaScript off", async ({ browser }) => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      storageState: storageStates.admin,
    });
    const page = await context.newPage();
    await openDashboard(page, "fr");
    const charts = page.locator('svg[role="img"].chart');
    await expect(charts).toHaveCount(3);
    for (const chart of await charts.all()) {
      const labelledBy = (await chart.getAttribute("aria-labelledby"))!.split(" ");
      await expect(chart.locator(`title#${labelledBy[0]}`)).not.toBeEmpty();
      await expect(chart.locator(`desc#${labelledBy[1]}`)).not.toBeEmpty();
      expect(await chart.locator("text.chart__value").count()).toBeGreaterThan(1);
    }
    await expect(page.getByRole("table", { name: strings("fr").late.caption })).toBeVisible();
    await context.close();
  });
});
