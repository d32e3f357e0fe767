// The staff page of the API's tokens (routes/staff/api-tokens.tsx): administrators only (a
// reviewer gets the site's 404 and an access.denied row); the form's errors name each field and
// keep what was typed, nothing written; a valid form answers the secret once, which then works
// as a bearer token; revoking from the page stops it. PGlite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { callApi } from "../fixtures/api-requests";
import { createStaffUser } from "../fixtures/factories";
import { writeSession } from "../fixtures/sessions";
import { seedReferenceData } from "../../prisma/seed/load";
import { sessionCookie } from "~/modules/auth/cookies.server";
import { loader as organisations } from "~/routes/api/organisations";
import { action, loader } from "~/routes/staff/api-tokens";
import { prisma } from "~/utils/db.server";

const ORIGIN = "http://127.0.0.1:3000";

async function cookieFor(role: "ADMIN" | "REVIEWER") {
  const user = await createStaffUser(role);
  return { id: user.id, cookie: `${sessionCookie.name}=${await writeSession(prisma, user.id)}` };
}

const statusOf = (thrown: unknown) =>
  thrown instanceof Response
    ? thrown.status
    : ((thrown as { init?: { status?: number } }).init?.status ?? 200);

async function post(cookie: string, fields: [string, string][]) {
  const body = new FormData();
  for (const [name, value] of fields) body.append(name, value);
  const request = new Request(`${ORIGIN}/nl/staff/api-tokens`, {
    method: "POST",
    body,
    headers: { cookie, origin: ORIGIN },
  });
  const answer = (await action({ request, params: { lang: "nl" }, context: {} } as never).catch(
    (thrown: unknown) => thrown,
  )) as unknown;
  const result = answer as { data?: Record<string, unknown>; init?: { status?: number } };
  return result.data !== undefined
    ? { status: result.init?.status ?? 200, data: result.data }
    : { status: statusOf(answer), data: answer as Record<string, unknown> };
}

beforeAll(async () => {
  await seedReferenceData(prisma);
}, 120_000);

describe("the API tokens page", () => {
  it("is the administrators': a reviewer gets a 404 and the refusal is audited", async () => {
    const reviewer = await cookieFor("REVIEWER");
    const request = new Request(`${ORIGIN}/fr/staff/api-tokens`, {
      headers: { cookie: reviewer.cookie },
    });
    const thrown = await Promise.resolve(
      loader({ request, params: { lang: "fr" }, context: {} } as never),
    ).catch((error: unknown) => error);
    expect(statusOf(thrown)).toBe(404);
    expect((await post(reviewer.cookie, [["intent", "create"]])).status).toBe(404);
    expect(
      await prisma.auditEvent.count({
        where: { action: "access.denied", actorUserId: reviewer.id },
      }),
    ).toBe(2);
  });

  it("refuses a bad form field by field, keeping what was typed, writing nothing", async () => {
    const admin = await cookieFor("ADMIN");
    const before = await prisma.apiToken.count();
    const answer = await post(admin.cookie, [
      ["intent", "create"],
      ["name", "  "],
      ["scopes", "admin:everything"],
      ["expiresOn", "31/12/2030"],
    ]);
    expect(answer.status).toBe(400);
    expect(answer.data).toMatchObject({
      errors: {
        name: "errors.nameRequired",
        scopes: "errors.scopesRequired",
        expiresOn: "errors.expiryInvalid",
      },
      values: { name: "  ", scopes: ["admin:everything"], expiresOn: "31/12/2030" },
    });
    const past = await post(admin.cookie, [
      ["intent", "create"],
      ["name", "Ancien"],
      ["scopes", "dataset:read"],
      ["expiresOn", "2020-01-01"],
    ]);
    expect(past.data).toMatchObject({ errors: { expiresOn: "errors.expiryPast" } });
    // A day the month has not is refused, never read as a day of the next month.
    const noSuchDay = await post(admin.cookie, [
      ["intent", "create"],
      ["name", "Flux BI"],
      ["scopes", "dataset:read"],
      ["expiresOn", "2030-02-31"],
    ]);
    expect(noSuchDay.status).toBe(400);
    expect(noSuchDay.data).toMatchObject({ errors: { expiresOn: "errors.expiryInvalid" } });
    // Nothing ticked: one scope at least, the name typed kept.
    const noScope = await post(admin.cookie, [
      ["intent", "create"],
      ["name", "Tableau de bord"],
      ["expiresOn", ""],
    ]);
    expect(noScope.status).toBe(400);
    expect(noScope.data).toMatchObject({
      errors: { scopes: "errors.scopesRequired" },
      values: { name: "Tableau de bord", scopes: [] },
    });
    expect(Object.keys(noScope.data.errors as object)).toEqual(["scopes"]);
    expect(await prisma.apiToken.count()).toBe(before);
  });

  it("a token reads only what was ticked: the report tables alone are not the dataset", async () => {
    const admin = await cookieFor("ADMIN");
    const created = await post(admin.cookie, [
      ["intent", "create"],
      ["name", "Rapport seulement"],
      ["scopes", "reports:read"],
    ]);
    expect(created.status).toBe(200);
    const token = await prisma.apiToken.findFirstOrThrow({ where: { name: "Rapport seulement" } });
    expect(token.scopes).toEqual(["reports:read"]);
  });

  it("answers the secret once; it reads the API; revoking it from the page stops it", async () => {
    const admin = await cookieFor("ADMIN");
    const created = await post(admin.cookie, [
      ["intent", "create"],
      ["name", "Observatorium"],
      ["scopes", "dataset:read"],
      ["scopes", "reports:read"],
      ["expiresOn", "2099-12-31"],
    ]);
    expect(created.status).toBe(200);
    const { secret, name } = created.data.created as { secret: string; name: string };
    expect(name).toBe("Observatorium");
    const token = await prisma.apiToken.findFirstOrThrow({ where: { name: "Observatorium" } });
    expect(token.scopes).toEqual(["dataset:read", "reports:read"]);
    expect(token.createdById).toBe(admin.id);

    // The page lists it by its start, never the secret.
    const request = new Request(`${ORIGIN}/nl/staff/api-tokens`, {
      headers: { cookie: admin.cookie },
    });
    const page = await loader({ request, params: { lang: "nl" }, context: {} } as never);
    expect(page.tokens.find((t) => t.id === token.id)).toMatchObject({
      prefix: secret.slice(0, 10),
      status: "active",
    });
    expect(JSON.stringify(page)).not.toContain(secret);

    const read = () => callApi(organisations, "/api/v1/organisations", { token: secret });
    expect((await read()).status).toBe(200);
    expect((await read()).status).toBe(200);
    // Its use, counted per day, is summed on the page.
    const used = await loader({ request, params: { lang: "nl" }, context: {} } as never);
    expect(used.tokens.find((t) => t.id === token.id)?.recentRequests).toBe(2);
    const lastMonth = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    await prisma.apiTokenUsage.create({
      data: { tokenId: token.id, day: lastMonth, requests: 50 },
    });
    const later = await loader({ request, params: { lang: "nl" }, context: {} } as never);
    expect(later.tokens.find((t) => t.id === token.id)?.recentRequests).toBe(2);
    const revoked = await post(admin.cookie, [
      ["intent", "revoke"],
      ["tokenId", token.id],
    ]);
    expect(revoked.data).toMatchObject({ intent: "revoke", outcome: "revoked" });
    expect((await read()).status).toBe(401);
    expect(
      (
        await post(admin.cookie, [
          ["intent", "revoke"],
          ["tokenId", "nope"],
        ])
      ).status,
    ).toBe(400);
    expect((await post(admin.cookie, [["intent", "other"]])).status).toBe(400);
  });
});
