// A section's measure picker is answered on a page of its own: the section page lists only the
// chosen measures, its "choose" button saves what was typed and opens the picker's page, and
// that page saves the one answer with the section's version check. Requests go through the
// routes' loaders and actions with a real session and database.
import { describe, expect, it } from "vitest";
import { createSession } from "~/modules/auth/session.server";
import {
  action as pickerAction,
  loader as pickerLoader,
} from "~/routes/partner/return-section-measures";
import { action as sectionAction, loader as sectionLoader } from "~/routes/partner/return-section";
import { prisma } from "~/utils/db.server";
import { setUpReturnWorld } from "../fixtures/return-world";
import { createFundedPartner, sectionsOf } from "../fixtures/returns";
import { sessionRequestCookie } from "../fixtures/sessions";

const ORIGIN = "http://127.0.0.1:3000";
const returnWorld = setUpReturnWorld({ year: 2023, generate: true });

/** A fresh partner, its first funded block (which has the "relatedMeasures" picker), a cookie. */
async function world() {
  const partner = await createFundedPartner(returnWorld.campaign.id);
  const block = (await sectionsOf(partner.returnId)).find((s) => s.kind === "FUNDED_MEASURE")!;
  const secret = await prisma.$transaction((tx) => createSession(tx, partner.user.id));
  const cookie = await sessionRequestCookie(secret);
  const sectionPath = `/fr/partner/returns/${partner.returnId}/sections/${block.id}`;
  return { ...partner, block, cookie, sectionPath };
}

type World = Awaited<ReturnType<typeof world>>;

function request(w: World, path: string, form?: Record<string, string | string[]>) {
  if (!form) return new Request(`${ORIGIN}${path}`, { headers: { cookie: w.cookie } });
  const body = new FormData();
  for (const [name, value] of Object.entries(form))
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    body,
    headers: { cookie: w.cookie, origin: ORIGIN },
  });
}

/** What a loader or action returned or threw: a Response's status and location, or its data. */
async function run(call: () => Promise<unknown>) {
  const answer: unknown = await call().catch((thrown: unknown) => thrown);
  if (answer instanceof Response)
    return { status: answer.status, location: answer.headers.get("location"), data: null };
  if (
    answer &&
    typeof answer === "object" &&
    "type" in answer &&
    answer.type === "DataWithResponseInit"
  ) {
    const wrapped = answer as unknown as { data: unknown; init: { status?: number } | null };
    return { status: wrapped.init?.status ?? 200, location: null, data: wrapped.data };
  }
  return { status: 200, location: null, data: answer };
}

const params = (w: World, field?: string) => ({
  lang: "fr" as const,
  returnId: w.returnId,
  sectionId: w.block.id,
  ...(field ? { field } : {}),
});

const openPicker = (w: World, field = "relatedMeasures") =>
  run(() =>
    pickerLoader({
      request: request(w, `${w.sectionPath}/measures/${field}`),
      params: params(w, field),
    } as never),
  );

const postPicker = (w: World, form: Record<string, string | string[]>, field = "relatedMeasures") =>
  run(() =>
    pickerAction({
      request: request(w, `${w.sectionPath}/measures/${field}`, form),
      params: params(w, field),
    } as never),
  );

const stored = (w: World) => prisma.returnSection.findUniqueOrThrow({ where: { id: w.block.id } });

describe("the section page and its measure picker", () => {
  it("the section page sends the titles of the chosen measures only, not the plan's 77", async () => {
    const w = await world();
    const open = () =>
      run(() => sectionLoader({ request: request(w, w.sectionPath), params: params(w) } as never));
    const before = (await open()).data as { measures: { code: string }[] };
    expect(before.measures).toEqual([]);
    await prisma.returnSection.update({
      where: { id: w.block.id },
      data: { answers: { relatedMeasures: ["7.5", "1.2"] } },
    });
    const after = (await open()).data as { measures: { code: string; title: string }[] };
    // In the plan's order, with their French titles.
    expect(after.measures.map((m) => m.code)).toEqual(["1.2", "7.5"]);
    expect(after.measures.every((m) => m.title.length > 20)).toBe(true);
  });

  it("the choose button saves what was typed, then opens the picker's page", async () => {
    const w = await world();
    const answer = await run(() =>
      sectionAction({
        request: request(w, w.sectionPath, {
          _intent: "pick-measures:relatedMeasures",
          _version: "0",
          actions: "Des permanences de quartier, deux soirs par semaine.",
        }),
        params: params(w),
      } as never),
    );
    expect(answer).toMatchObject({
      status: 302,
      location: `${w.sectionPath}/measures/relatedMeasures`,
    });
    const row = await stored(w);
    expect(row.version).toBe(1);
    expect(row.answers).toMatchObject({
      actions: "Des permanences de quartier, deux soirs par semaine.",
    });
  });

  it("a choose button naming no picker is refused before anything is saved", async () => {
    const w = await world();
    const answer = await run(() =>
      sectionAction({
        request: request(w, w.sectionPath, {
          _intent: "pick-measures:actions",
          _version: "0",
          actions: "Texte",
        }),
        params: params(w),
      } as never),
    );
    expect(answer.status).toBe(400);
    expect((await stored(w)).version).toBe(0);
  });

  it("the picker's page shows every measure of the plan, the chosen ones ticked", async () => {
    const w = await world();
    await prisma.returnSection.update({
      where: { id: w.block.id },
      data: { answers: { relatedMeasures: ["5.3"] }, version: 4 },
    });
    const page = (await openPicker(w)).data as {
      measures: { code: string }[];
      chosen: string[];
      version: number;
      multiple: boolean;
      label: string;
      sectionUrl: string;
    };
    expect(page.measures).toHaveLength(77);
    expect(page).toMatchObject({
      chosen: ["5.3"],
      version: 4,
      multiple: true,
      label: "Autres mesures du plan concernées",
      sectionUrl: `${w.sectionPath}#f-relatedMeasures`,
    });
  });

  it("a field that names no picker, or another organisation's section, is a 404", async () => {
    const w = await world();
    const other = await world();
    expect((await openPicker(w, "actions")).status).toBe(404);
    expect((await openPicker(w, "relatedMeasures.0.x")).status).toBe(404);
    const foreign = await run(() =>
      pickerLoader({
        request: request(w, `${other.sectionPath}/measures/relatedMeasures`),
        params: { ...params(other, "relatedMeasures") },
      } as never),
    );
    expect(foreign.status).toBe(404);
    const foreignPost = await run(() =>
      pickerAction({
        request: request(w, `${other.sectionPath}/measures/relatedMeasures`, {
          _version: "0",
          relatedMeasures: "1.1",
        }),
        params: params(other, "relatedMeasures"),
      } as never),
    );
    expect(foreignPost.status).toBe(404);
    expect((await stored(other)).version).toBe(0);
  });

  it("saving replaces the one answer, keeps the rest, and goes back to the picker on the section", async () => {
    const w = await world();
    await prisma.returnSection.update({
      where: { id: w.block.id },
      data: {
        answers: { actions: "Texte déjà tapé", relatedMeasures: ["1.1"] },
        version: 2,
      },
    });
    const saved = await postPicker(w, { _version: "2", relatedMeasures: ["3.2", "8.1"] });
    expect(saved).toMatchObject({ status: 302, location: `${w.sectionPath}#f-relatedMeasures` });
    const row = await stored(w);
    expect(row.version).toBe(3);
    expect(row.answers).toMatchObject({
      actions: "Texte déjà tapé",
      relatedMeasures: ["3.2", "8.1"],
    });
    // No box ticked: the choice is emptied.
    await postPicker(w, { _version: "3" });
    expect((await stored(w)).answers).toMatchObject({ relatedMeasures: [] });
  });

  it("a stale picker page gets 409 with its choice kept, and wins once sent again", async () => {
    const w = await world();
    await prisma.returnSection.update({
      where: { id: w.block.id },
      data: { answers: { actions: "Modifié dans un autre onglet" }, version: 5 },
    });
    const stale = await postPicker(w, { _version: "3", relatedMeasures: ["6.1"] });
    expect(stale).toMatchObject({
      status: 409,
      data: { outcome: "conflict", chosen: ["6.1"], version: 5 },
    });
    expect((await stored(w)).version).toBe(5);
    const again = await postPicker(w, { _version: "5", relatedMeasures: ["6.1"] });
    expect(again.status).toBe(302);
    expect((await stored(w)).answers).toMatchObject({
      actions: "Modifié dans un autre onglet",
      relatedMeasures: ["6.1"],
    });
  });

  it("a code the plan does not have, or a missing version, is refused and nothing is saved", async () => {
    const w = await world();
    expect((await postPicker(w, { _version: "0", relatedMeasures: ["1.1", "99.9"] })).status).toBe(
      400,
    );
    expect((await postPicker(w, { relatedMeasures: ["1.1"] })).status).toBe(400);
    expect((await stored(w)).version).toBe(0);
  });

  it("a sent return's picker leads back to its section, and its post saves nothing", async () => {
    const w = await world();
    await prisma.annualReturn.update({
      where: { id: w.returnId },
      data: { status: "SUBMITTED", submittedAt: new Date() },
    });
    const version = (await stored(w)).version;
    expect(await openPicker(w)).toMatchObject({ status: 302, location: w.sectionPath });
    const post = await postPicker(w, { _version: String(version), relatedMeasures: ["1.1"] });
    expect(post).toMatchObject({ status: 302, location: w.sectionPath });
    expect((await stored(w)).version).toBe(version);
  });
});
