// The OpenAPI document against the routes (api/openapi.ts, app/routes.ts): it is JSON of
// OpenAPI 3.1 served without a token; every API route is in it and every path in it answers
// 200 with a token (the report tables, a plan's measures and the organisations too), and
// declares what else it answers (400, 405 to other methods, 406 to an Accept it cannot meet);
// anything else under /api is a 404 problem document, never the site's HTML page. PGlite and
// PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { callApi, newToken } from "../fixtures/api-requests";
import { addEntries, PLAN_CODE } from "../fixtures/dataset-entries";
import { createOrganisation } from "../fixtures/factories";
import { seedReferenceData } from "../../prisma/seed/load";
import routes from "~/routes";
import { openApiDocument } from "~/modules/api/openapi";
import { REPORT_TABLE_NAMES } from "~/modules/reports/table-model";
import { SMALL_COUNT_SETTING } from "~/modules/reports/settings.server";
import { action as entriesAction, loader as entries } from "~/routes/api/entries";
import { action as removedAction, loader as removed } from "~/routes/api/entries-removed";
import { action as notFoundAction, loader as notFound } from "~/routes/api/not-found";
import { action as openapiAction, loader as openapi } from "~/routes/api/openapi";
import { action as organisationsAction, loader as organisations } from "~/routes/api/organisations";
import { action as planMeasuresAction, loader as planMeasures } from "~/routes/api/plan-measures";
import { action as tablesAction, loader as tables } from "~/routes/api/tables";
import { prisma } from "~/utils/db.server";

type Loader = Parameters<typeof callApi>[0];

/** The API's routes as app/routes.ts declares them: "/entries" → its file. */
function declaredApiRoutes() {
  const found = new Map<string, string>();
  const visit = (
    list: readonly { path?: string; file: string; children?: unknown }[],
    base: string,
  ) => {
    for (const route of list) {
      const path = route.path ? `${base}/${route.path}` : base;
      if (route.file.startsWith("routes/api/") && path.startsWith("/api/v1/"))
        found.set(path.slice("/api/v1".length).replace(/:(\w+)/g, "{$1}"), route.file);
      if (Array.isArray(route.children)) visit(route.children, path);
    }
  };
  visit(routes as never, "");
  return found;
}

type Action = (args: { request: Request }) => Response;

// Each documented path's loader and action, and a request that must answer 200.
const examples: Record<
  string,
  { loader: Loader; action: Action; path: string; params?: Record<string, string> }
> = {
  "/entries": {
    loader: entries,
    action: entriesAction,
    path: "/api/v1/entries?from=2021&to=2022&limit=5",
  },
  "/entries/removed": {
    loader: removed,
    action: removedAction,
    path: "/api/v1/entries/removed?since=2020-01-01",
  },
  "/tables/{name}": {
    loader: tables,
    action: tablesAction,
    path: "/api/v1/tables/measures-by-channel?from=2021&to=2022",
    params: { name: "measures-by-channel" },
  },
  "/plans/{code}/measures": {
    loader: planMeasures,
    action: planMeasuresAction,
    path: `/api/v1/plans/${PLAN_CODE}/measures`,
    params: { code: PLAN_CODE },
  },
  "/organisations": {
    loader: organisations,
    action: organisationsAction,
    path: "/api/v1/organisations",
  },
  "/openapi.json": { loader: openapi, action: openapiAction, path: "/api/v1/openapi.json" },
};

let token: string;
beforeAll(async () => {
  await seedReferenceData(prisma);
  token = (await newToken()).secret;
}, 120_000);

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 JSON, served without a token", async () => {
    const answer = await callApi(openapi, "/api/v1/openapi.json");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(answer.headers.get("cache-control")).toBe("no-store");
    const document = JSON.parse(answer.text) as typeof openApiDocument;
    expect(document.openapi).toBe("3.1.0");
    expect(document).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
    // Every $ref points at something the document defines.
    const refs = [...answer.text.matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(5);
    for (const [, group, name] of refs)
      expect(
        (document.components as Record<string, Record<string, unknown>>)[group!]?.[name!],
        `${group}/${name}`,
      ).toBeDefined();
    // Every operation has a unique id, and every path parameter is declared.
    const operations = Object.entries(document.paths).map(([path, item]) => ({
      path,
      ...item.get,
    }));
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(operations.length);
    for (const operation of operations)
      for (const [, name] of operation.path.matchAll(/\{(\w+)\}/g))
        expect(operation.parameters.some((p) => p.in === "path" && p.name === name)).toBe(true);
  });

  it("lists exactly the API's routes", () => {
    const declared = [...declaredApiRoutes().keys()].filter(
      (path) => path !== "/*" && !path.endsWith("*"),
    );
    expect(declared.sort()).toEqual(Object.keys(openApiDocument.paths).sort());
    expect(Object.keys(examples).sort()).toEqual(Object.keys(openApiDocument.paths).sort());
  });

  it("every documented path answers 200 with a token", async () => {
    const organisation = await createOrganisation("COMMUNE");
    await addEntries([{ organisation, year: 2021, channel: "PBPP" }]);
    for (const [path, example] of Object.entries(examples)) {
      const answer = await callApi(example.loader, example.path, { token, params: example.params });
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
      expect(answer.headers.get("cache-control")).toBe("no-store");
    }
  });
});

describe("what each operation declares", () => {
  it("every status a path answers is in its responses: 400, 405 to other methods, 406", async () => {
    for (const [path, example] of Object.entries(examples)) {
      const declared = Object.keys(openApiDocument.paths[path]!.get.responses);
      const answered = new Set<number>();
      const call = (query: string, headers: Record<string, string> = {}) =>
        callApi(example.loader, example.path + query, { token, params: example.params, headers });
      const joiner = example.path.includes("?") ? "&" : "?";
      const unknown = await call(`${joiner}colour=blue`);
      expect({ path, status: unknown.status }).toEqual({ path, status: 400 });
      answered.add(unknown.status);
      const xml = await call("", { accept: "application/xml" });
      expect({ path, status: xml.status }).toEqual({ path, status: 406 });
      expect(xml.headers.get("content-type")).toBe("application/problem+json");
      answered.add(xml.status);
      for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
        const request = new Request(`http://localhost${example.path}`, { method, body: "{}" });
        const refused = example.action({ request });
        expect({ path, method, status: refused.status }).toEqual({ path, method, status: 405 });
        expect(refused.headers.get("allow")).toBe("GET, HEAD");
        answered.add(refused.status);
      }
      for (const status of answered)
        expect({ path, declared: declared.includes(String(status)) }).toEqual({
          path,
          declared: true,
        });
    }
    // The refusals' descriptions carry their headers.
    expect(openApiDocument.components.responses.MethodNotAllowed).toMatchObject({
      headers: { Allow: { schema: { type: "string" } } },
    });
  });

  it("the 406 problem is titled and detailed in French or Dutch", async () => {
    const french = await callApi(organisations, "/api/v1/organisations", {
      token,
      headers: { accept: "text/csv" },
    });
    expect(french.body).toEqual({
      type: "about:blank",
      title: "Format non acceptable",
      status: 406,
      detail: "L'en-tête Accept n'accepte aucun des formats de cette adresse : application/json.",
    });
    // JSON-only paths still answer */*, application/* and no Accept at all.
    for (const accept of ["*/*", "application/*", "application/json;q=0.1, text/csv"])
      expect(
        (await callApi(organisations, "/api/v1/organisations", { token, headers: { accept } }))
          .status,
      ).toBe(200);
  });
});

describe("reference lists and tables", () => {
  it("a plan's measures: stable codes with FR and NL titles; an unknown plan is 404", async () => {
    const answer = await callApi(planMeasures, `/api/v1/plans/${PLAN_CODE}/measures`, {
      token,
      params: { code: PLAN_CODE },
    });
    const body = answer.body as {
      plan: { code: string };
      themes: { code: string }[];
      measures: { code: string; theme: string; title: { fr: string; nl: string } }[];
    };
    expect(body.plan.code).toBe(PLAN_CODE);
    const plan = await prisma.plan.findUniqueOrThrow({
      where: { code: PLAN_CODE },
      include: { measures: true },
    });
    expect(body.measures.map((m) => m.code).sort()).toEqual(
      plan.measures.map((m) => m.code).sort(),
    );
    const measure = plan.measures.find((m) => m.code === "4.3")!;
    expect(body.measures.find((m) => m.code === "4.3")?.title).toEqual({
      fr: measure.titleFr,
      nl: measure.titleNl,
    });
    expect(body.themes.length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toContain(measure.id);
    const unknown = await callApi(planMeasures, "/api/v1/plans/NOPE/measures", {
      token,
      params: { code: "NOPE" },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toBe("application/problem+json");
  });

  it("organisations: identifier, official id, kind and both names; filtered by kind", async () => {
    const zone = await createOrganisation("POLICE_ZONE");
    const all = await callApi(organisations, "/api/v1/organisations", { token });
    const listed = (all.body?.data as { identifier: string }[]).find(
      (o) => o.identifier === zone.slug,
    );
    expect(listed).toEqual({
      identifier: zone.slug,
      officialId: null,
      kind: "POLICE_ZONE",
      name: { fr: zone.nameFr, nl: zone.nameNl },
      archived: false,
    });
    const communes = await callApi(organisations, "/api/v1/organisations?kind=COMMUNE", { token });
    expect((communes.body?.data as { kind: string }[]).every((o) => o.kind === "COMMUNE")).toBe(
      true,
    );
    const bad = await callApi(organisations, "/api/v1/organisations?kind=ZONE", { token });
    expect(bad.body).toMatchObject({ status: 400, parameter: "kind" });
  });

  it("the report tables: every table by name, CSV too, small counts suppressed; bad ones refused", async () => {
    const organisation = await createOrganisation("COMMUNE");
    await addEntries([{ organisation, year: 2021, channel: "PBPP", measureCode: "4.3" }]);
    const table = (name: string, query: string) =>
      callApi(tables, `/api/v1/tables/${name}?${query}`, { token, params: { name } });
    for (const name of REPORT_TABLE_NAMES) {
      const answer = await table(name, "from=2021&to=2022&lang=nl");
      expect({ name, status: answer.status }).toEqual({ name, status: 200 });
      expect(answer.body).toMatchObject({
        name,
        period: { from: 2021, to: 2022 },
        planCode: PLAN_CODE,
      });
    }
    const csv = await table("measures-by-channel", "from=2021&to=2022&format=csv");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.text.split("\r\n").length).toBeGreaterThan(3);

    // The communes' project counts: 1 project is below a threshold of 5, so hidden.
    const shown = JSON.stringify((await table("communes-measures", "from=2021&to=2021")).body);
    expect(shown).not.toContain('"suppressed":true');
    await prisma.setting.create({ data: { key: SMALL_COUNT_SETTING, value: 5 } });
    const hidden = JSON.stringify((await table("communes-measures", "from=2021&to=2021")).body);
    expect(hidden).toContain('"suppressed":true');
    await prisma.setting.delete({ where: { key: SMALL_COUNT_SETTING } });

    expect((await table("no-such-table", "from=2021&to=2022")).status).toBe(404);
    expect((await table("measures-by-channel", "from=2021&to=2022&plan=NOPE")).status).toBe(404);
    expect((await table("measures-by-channel", "to=2022")).body).toMatchObject({
      parameter: "from",
    });
    expect((await table("measures-by-channel", "from=2023&to=2022")).body).toMatchObject({
      parameter: "to",
    });
    expect((await table("measures-by-channel", "from=2021&to=2022&lang=de")).body).toMatchObject({
      parameter: "lang",
    });
  });

  it("any other path under /api, or any method but GET, is a problem document", async () => {
    const request = (headers: Record<string, string> = {}) => ({
      request: new Request("http://localhost/api/v1/nothing", { headers }),
    });
    const missing = await notFound(request());
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect(await missing.json()).toMatchObject({
      title: "Introuvable",
      detail: "Cette adresse n'existe pas dans l'API : voir /api/v1/openapi.json.",
    });
    expect((await notFoundAction(request())).status).toBe(404);
    const post = openapiAction(request({ "accept-language": "nl-BE,nl;q=0.9,en;q=0.5" }));
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect(post.headers.get("content-language")).toBe("nl");
    expect(await post.json()).toMatchObject({
      title: "Methode niet toegestaan",
      detail: "Deze API leest alleen: gebruik GET.",
    });
  });
});
