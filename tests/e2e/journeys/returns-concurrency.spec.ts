// Two people editing the same section (with and without JavaScript): the stale save gets the
// conflict panel (409 without JavaScript), keeps its text, and can win. The version rules
// themselves are proven in tests/integration/returns-own-saves.test.ts and returns-filling.test.ts.
import { expect, test } from "@playwright/test";
import { sessionState } from "../helpers";
import {
  fillSection,
  openReturnFromHome,
  postWith,
  rs,
  saveStatus,
  taskItems,
  taskRow,
  waitForAutosave,
} from "../returns-helpers";

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
