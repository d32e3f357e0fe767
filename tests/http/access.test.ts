// Access control as the production server answers it, over real HTTP on the demo data: partners
// reach only their own organisation and returns (another's is a 404, not a 403, and leaks
// nothing), staff pages do not exist for partners, anonymous visitors are sent to the login page,
// authenticated pages and their client-navigation data are never cached, and the staff partner
// list's filters. These were browser tests; nothing here needs a browser (the 404 pages, the
// redirects and the lists are server-rendered HTML).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startBuiltServer, type BuiltServer } from "./server";

const locale = (lang: "fr" | "nl", ns: string) =>
  JSON.parse(readFileSync(`locales/${lang}/${ns}.json`, "utf8"));
const common = { fr: locale("fr", "common"), nl: locale("nl", "common") };
const partnersFr = locale("fr", "partners");
const directoryFr = locale("fr", "directory");

const partnerFr = "demo.partenaire@example.org"; // zone 5339
const uccle = "prevention.uccle@example.org"; // Commune d'Uccle: its returns are never changed
const admin = "admin@example.org";

function decode(html: string) {
  return html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

const textOf = (html: string, pattern: RegExp) => decode(pattern.exec(html)?.[1] ?? "").trim();
const h1 = (html: string) => textOf(html, /<h1[^>]*>([\s\S]*?)<\/h1>/);
const title = (html: string) => textOf(html, /<title>([\s\S]*?)<\/title>/);
function main(html: string) {
  const found = /<main[\s\S]*<\/main>/.exec(html)?.[0];
  if (!found) throw new Error("the page has no <main>");
  return found;
}
const rows = (html: string) => /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
const rowCount = (html: string) => (rows(html).match(/<tr[\s>]/g) ?? []).length;

describe("access through the production server", () => {
  let server: BuiltServer;
  const get = async (path: string, email?: string) => {
    const response = await fetch(server.url + path, {
      headers: email ? { cookie: server.cookies[email]! } : {},
      redirect: "manual",
    });
    return { status: response.status, headers: response.headers, html: await response.text() };
  };

  async function expectNotFound(path: string, email?: string, lang: "fr" | "nl" = "fr") {
    const page = await get(path, email);
    expect(page.status, `status of ${path}`).toBe(404);
    const heading = common[lang].errors.notFound.title;
    expect(h1(page.html), `heading of ${path}`).toBe(heading);
    expect(title(page.html)).toBe(`${heading} – ${common[lang].site.name}`);
    return page;
  }

  /** Id of an organisation, from the staff partner list searched by its official id. */
  async function organisationId(officialId: string, name: string) {
    const list = await get(`/fr/staff/partners?q=${officialId}`, admin);
    const links = [
      ...list.html.matchAll(/href="\/fr\/staff\/partners\/([^"/?#]+)"[^>]*>([^<]+)</g),
    ];
    const id = links.find(([, , text]) => decode(text!) === name)?.[1];
    expect(id, `${name} in the staff list`).toBeTruthy();
    return id!;
  }

  beforeAll(async () => {
    server = await startBuiltServer({ sessions: [partnerFr, uccle, admin] });
  });
  afterAll(() => server?.stop());

  test("another organisation's page is a 404 in the partner and staff URLs; its own opens", async () => {
    const otherId = await organisationId("5340", "Zone de police Bruxelles-Ouest");
    const home = await get("/fr/partner", partnerFr);
    const ownHref = /href="(\/fr\/partner\/organisations\/[^"]+)"/.exec(home.html)?.[1];
    expect(ownHref).toBeTruthy();
    expect(ownHref).not.toContain(otherId);
    const own = await get(ownHref!, partnerFr);
    expect(own.status).toBe(200);
    expect(h1(own.html)).toBe("Zone de police Bruxelles-Capitale/Ixelles");

    const other = await expectNotFound(`/fr/partner/organisations/${otherId}`, partnerFr);
    expect(main(other.html)).not.toContain("Bruxelles-Ouest");
    await expectNotFound(`/fr/staff/partners/${otherId}`, partnerFr);
    await expectNotFound(`/nl/partner/organisations/${otherId}`, partnerFr, "nl");
    // The client-navigation data of the same page: refused as well.
    expect((await get(`/fr/partner/organisations/${otherId}.data`, partnerFr)).status).toBe(404);
  });

  test("another organisation's return is a 404 to open or post to, and is not listed", async () => {
    const uccleHome = await get("/fr/partner", uccle);
    const returnPath = /href="(\/fr\/partner\/returns\/[A-Za-z0-9]+)"/.exec(uccleHome.html)?.[1];
    expect(returnPath).toBeTruthy();
    const tasks = await get(returnPath!, uccle);
    expect(tasks.status).toBe(200);
    const sectionPath = new RegExp(`href="(${returnPath}/sections/[A-Za-z0-9]+)"`).exec(
      tasks.html,
    )?.[1];
    expect(sectionPath).toBeTruthy();

    for (const path of [returnPath!, `${returnPath}/check`, `${returnPath}/print`, sectionPath!]) {
      const page = await expectNotFound(path, partnerFr);
      expect(main(page.html)).not.toContain("Uccle");
    }
    await expectNotFound(returnPath!.replace("/fr/", "/nl/"), partnerFr, "nl");

    const form = new FormData();
    form.set("_intent", "draft");
    form.set("_version", "1");
    form.set("actions", "Écrit par une autre organisation.");
    const post = await fetch(server.url + sectionPath, {
      method: "POST",
      body: form,
      headers: { cookie: server.cookies[partnerFr]!, Origin: server.url },
      redirect: "manual",
    });
    expect(post.status).toBe(404);
    await post.arrayBuffer();
    // Uccle's section still shows none of that text.
    expect((await get(sectionPath!, uccle)).html).not.toContain("Écrit par une autre organisation");

    const returnId = returnPath!.split("/").pop()!;
    expect((await get("/fr/partner", partnerFr)).html).not.toContain(returnId);
  });

  test("staff pages are 404 for a partner, who stays signed in", async () => {
    await expectNotFound("/fr/staff/partners", partnerFr);
    await expectNotFound("/fr/staff/outbox", partnerFr);
    await expectNotFound("/fr/staff/templates", partnerFr);
    await expectNotFound("/nl/staff/partners", partnerFr, "nl");
    const home = await get("/fr/partner", partnerFr);
    expect(home.status).toBe(200);
    expect(h1(home.html)).toBe(partnersFr.home.title);
    expect(home.html).not.toContain('href="/fr/staff/partners"');
  });

  test("tampered organisation ids are 404", async () => {
    await expectNotFound("/fr/partner/organisations/xyz", partnerFr);
    await expectNotFound("/fr/partner/organisations/%27%20OR%201%3D1--", partnerFr);
  });

  test("authenticated pages and their client-navigation data are not cached", async () => {
    for (const path of ["/fr/partner", "/fr/partner.data", "/fr/staff/partners.data"]) {
      const email = path.includes("staff") ? admin : partnerFr;
      const page = await get(path, email);
      expect(page.status, path).toBe(200);
      expect(page.headers.get("cache-control"), `Cache-Control of ${path}`).toBe("no-store");
    }
  });

  test("anonymous visitors are sent to the login page, which keeps where they were going", async () => {
    const home = await get("/fr/partner");
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe("/fr/login?redirectTo=%2Ffr%2Fpartner");
    const login = await get(home.headers.get("location")!);
    expect(login.status).toBe(200);
    expect(login.html).toMatch(/<input[^>]*name="redirectTo"[^>]*value="\/fr\/partner"/);

    const staff = await get("/fr/staff/partners?kind=COMMUNE");
    expect(staff.status).toBe(302);
    expect(staff.headers.get("location")).toBe(
      "/fr/login?redirectTo=%2Ffr%2Fstaff%2Fpartners%3Fkind%3DCOMMUNE",
    );
  });

  test("unknown pages, and the development mailbox when it is off, are 404 in both languages", async () => {
    await expectNotFound("/fr/nexiste-pas");
    await expectNotFound("/nl/bestaat-niet", undefined, "nl");
    await expectNotFound("/fr/plans/PGSP-1999");
    await expectNotFound("/fr/plans/PGSP-2021-2024/themes/99");
    const mailbox = await expectNotFound("/fr/dev/mailbox");
    expect(mailbox.html).not.toContain('href="/fr/dev/mailbox"');
    await expectNotFound("/nl/dev/mailbox", undefined, "nl");
    // Outside /fr and /nl the language comes from Accept-Language.
    const outside = await fetch(`${server.url}/nimporte-quoi/ici`, {
      headers: { "Accept-Language": "nl-BE,nl;q=0.9" },
    });
    expect(outside.status).toBe(404);
    expect(h1(await outside.text())).toBe(common.nl.errors.notFound.title);
  });

  test("/ redirects by Accept-Language: Dutch to /nl, French or a language we do not speak to /fr", async () => {
    for (const [acceptLanguage, lang] of [
      ["nl-BE,nl;q=0.9,en;q=0.5", "nl"],
      ["fr-BE,fr;q=0.9", "fr"],
      ["de-DE,en;q=0.8", "fr"],
    ] as const) {
      const root = await fetch(`${server.url}/`, {
        headers: { "Accept-Language": acceptLanguage },
        redirect: "manual",
      });
      await root.arrayBuffer();
      expect(root.status, acceptLanguage).toBe(302);
      expect(root.headers.get("location"), acceptLanguage).toBe(`/${lang}`);
      const home = await get(`/${lang}`);
      expect(home.html).toMatch(new RegExp(`<html[^>]*lang="${lang}"`));
      expect(h1(home.html)).toBe(common[lang].home.title);
    }
  });

  test("staff filter partners by kind, channel and name; unknown filter values are ignored", async () => {
    const list = partnersFr.staff.list;
    const count = (n: number) => list.count_other.replace("{{count}}", String(n));
    const all = await get("/fr/staff/partners", admin);
    expect(h1(all.html)).toBe(list.title);
    expect(rowCount(all.html)).toBe(83);
    expect(decode(all.html)).toContain(count(83));
    // The filters are a GET form, so a filtered list is a shareable address.
    expect(all.html).toMatch(/<form[^>]*method="get"/i);
    expect(all.html).toMatch(/<select[^>]*name="kind"/);
    expect(all.html).toMatch(/<input[^>]*name="q"/);

    const zones = await get("/fr/staff/partners?kind=POLICE_ZONE", admin);
    expect(rowCount(zones.html)).toBe(6);
    expect(decode(zones.html)).toContain(count(6));
    const kinds = [...rows(zones.html).matchAll(/<tr[\s\S]*?<\/tr>/g)].map(([row]) =>
      decode([...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)][1]?.[1] ?? ""),
    );
    expect(new Set(kinds)).toEqual(new Set([partnersFr.kinds.POLICE_ZONE]));
    expect(zones.html).toMatch(/<option[^>]*value="POLICE_ZONE"[^>]*selected/);

    const search = await get("/fr/staff/partners?q=Anderlecht", admin);
    const found = rowCount(search.html);
    expect(found).toBeGreaterThan(1);
    expect(found).toBeLessThan(83);
    for (const [row] of rows(search.html).matchAll(/<tr[\s\S]*?<\/tr>/g)) {
      expect(decode(row)).toMatch(/anderlecht/i);
    }
    expect(decode(search.html)).toContain("Commune d'Anderlecht");
    expect(search.html).toMatch(/<input[^>]*name="q"[^>]*value="Anderlecht"/);

    const lisa = await get("/fr/staff/partners?channel=LISA", admin);
    expect(rowCount(lisa.html)).toBeGreaterThan(0);
    expect(rowCount(lisa.html)).toBeLessThan(83);
    for (const [row] of rows(lisa.html).matchAll(/<tr[\s\S]*?<\/tr>/g)) {
      expect(decode(row)).toContain(partnersFr.channelsShort.LISA);
    }

    const unknown = await get("/fr/staff/partners?kind=NOPE&channel=%3Cscript%3E", admin);
    expect(unknown.status).toBe(200);
    expect(rowCount(unknown.html)).toBe(83);
  });

  test("staff open a partner's page from the list, with its fundings", async () => {
    const id = await organisationId("Anderlecht", "Commune d'Anderlecht");
    const page = await get(`/fr/staff/partners/${id}`, admin);
    expect(page.status).toBe(200);
    expect(h1(page.html)).toBe("Commune d'Anderlecht");
    // The directory page kept by staff: the partner's fundings, each editable.
    expect(decode(page.html)).toContain(directoryFr.fundings.title);
  });
});
