// In-process fuzz: fast-check generates malformed requests and the real route functions
// (app/routes/*.tsx actions and loaders) answer them, signed in with real session cookies on a
// seeded database. Whatever is sent: no 5xx, no answer slower than 2 s, and a refused request
// (4xx, or any request without a valid session) leaves the database and the upload folder as
// they were. Counts per target and the status histogram are printed; FUZZ_SEED replays a run.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffUser } from "../fixtures/factories";
import { writeSession } from "../fixtures/sessions";
import { createAttachmentsCampaign, createPartnerReturn } from "../fixtures/files/return-world";
import {
  createCampaign,
  createFundedPartner,
  fillReturn,
  sectionsOf,
  seedWorld,
} from "../fixtures/returns";
import {
  body,
  entries,
  FUZZ_SEED,
  fileSpec,
  nastyString,
  outcomeOf,
  preview,
  Tally,
  type BodyThunk,
  type Entry,
  type Outcome,
} from "./support";
import type { Question } from "~/modules/questionnaires/definition";
import { sessionCookie } from "~/modules/auth/cookies.server";
import { prisma } from "~/utils/db.server";
import { clientIpContext } from "~/utils/request-context";
import { RouterContextProvider } from "react-router";
import * as sectionRoute from "~/routes/partner/return-section";
import * as checkRoute from "~/routes/partner/return-check";
import * as loginRoute from "~/routes/public/login";
import * as confirmRoute from "~/routes/public/login-confirm";
import * as magicLink from "~/modules/auth/magic-link.server";
import * as importRoute from "~/routes/staff/template-import";
import * as partnersRoute from "~/routes/staff/partners";
import * as outboxRoute from "~/routes/staff/outbox";
import * as campaignsRoute from "~/routes/staff/campaigns";

// Runs per target (about 1,400 in all); FUZZ_SCALE multiplies them for a longer local run.
const scale = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * scale));
const ORIGIN = "http://127.0.0.1:3000";
const VERSION = "\u{F0000}version";

const tally = new Tally();
let uploads: string;

/** A session row like a login makes (staff: second factor already passed). */
async function cookieFor(userId: string) {
  return `${sessionCookie.name}=${await writeSession(prisma, userId)}`;
}

// Everything a refused request must not touch. Audit rows (denials are audited on purpose)
// and rate-limit windows (attempts are counted on purpose) are left out.
const WATCHED = [
  "AnnualReturn",
  "ReturnSection",
  "Attachment",
  "QuestionnaireTemplate",
  "Campaign",
  "OutboxEmail",
  "LoginToken",
  "Session",
  "User",
  "Membership",
  "Organisation",
];

/** Per watched table: row count and an order-free sum of row hashes; then the stored files. */
async function fingerprint(): Promise<Map<string, string>> {
  const rows = await prisma.$queryRawUnsafe<{ name: string; digest: string }[]>(
    WATCHED.map(
      (table) =>
        `SELECT '${table}' AS name, count(*)::text || ':' || coalesce(sum(hashtext(t::text)::bigint), 0)::text AS digest FROM "${table}" t`,
    ).join(" UNION ALL "),
  );
  const result = new Map(rows.map((r) => [r.name, r.digest]));
  result.set("files", (await readdir(uploads)).sort().join(","));
  return result;
}

const changedParts = (a: Map<string, string>, b: Map<string, string>) =>
  [...a.keys()].filter((key) => a.get(key) !== b.get(key));

let last = new Map<string, string>();
/** Runs one request; a refused one must leave the fingerprint unchanged. */
async function probe(
  target: string,
  kind: string,
  payload: string,
  call: () => Promise<unknown>,
  refused: (outcome: Outcome) => boolean,
) {
  const outcome = await outcomeOf(() =>
    Promise.race([
      call(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error("hang: no answer in 10 s")), 10_000),
      ),
    ]),
  );
  tally.record(target, kind, outcome, payload);
  const after = await fingerprint();
  const changed = changedParts(last, after);
  if (refused(outcome) && changed.length > 0) {
    tally.findings.push({
      target,
      kind,
      status: outcome.status,
      ms: outcome.ms,
      detail: `refused (${outcome.status}) but ${changed.join(", ")} changed ← ${payload}`,
    });
  }
  last = after;
  return outcome;
}

const context = (ip = "203.0.113.7") => {
  const provider = new RouterContextProvider();
  provider.set(clientIpContext, ip);
  return provider;
};

/** The posted _intent, for the findings list (best effort: the body may not parse). */
async function intentOf(request: Request) {
  try {
    return preview(String((await request.clone().formData()).get("_intent")), 40);
  } catch {
    return "(unparsable)";
  }
}

async function post(
  url: string,
  thunk: BodyThunk,
  cookie: string | null,
  resolve?: (v: string) => string,
) {
  const built = await thunk(resolve);
  const headers = new Headers();
  try {
    if (built.contentType !== null) headers.set("content-type", built.contentType);
  } catch {
    // A value no HTTP client can send (e.g. NUL): sent raw by the HTTP fuzz instead.
  }
  if (cookie) headers.set("cookie", cookie);
  return {
    request: new Request(`${ORIGIN}${url}`, {
      method: "POST",
      headers,
      body: new Uint8Array(built.bytes),
    }),
    kind: built.kind,
    size: built.bytes.length,
  };
}

/** Field names a section form really posts, row fields included. */
function fieldNames(questions: readonly Question[]) {
  return questions.flatMap((q) => {
    if (q.kind === "figuresTable")
      return [q.id, `${q.id}.0.label`, `${q.id}.0.value`, `${q.id}.0.unit`, `${q.id}.5.value`];
    if (q.kind === "repeatableGroup")
      return [
        q.id,
        ...q.questions.flatMap((inner) => [`${q.id}.0.${inner.id}`, `${q.id}.3.${inner.id}`]),
      ];
    return [q.id];
  });
}

const invalid = (o: Outcome) => (o.data as { outcome?: string } | undefined)?.outcome === "invalid";
/** A 400 that reports field errors has saved the draft as typed (by design); others refuse. */
const refusedUnlessDraftKept = (o: Outcome) => o.status >= 400 && !(o.status === 400 && invalid(o));
const refusedStatus = (o: Outcome) => o.status >= 400;

interface World {
  partnerCookie: string;
  otherCookie: string;
  adminCookie: string;
  reviewerCookie: string;
  returnId: string;
  otherReturnId: string;
  completeReturnId: string;
  completeCookie: string;
  sectionIds: string[];
  otherSectionId: string;
  questions: Question[];
  sectionId: string;
  upload: { returnId: string; sectionId: string; cookie: string };
  templateText: string;
}
let world: World;

beforeAll(async () => {
  uploads = await mkdtemp(path.join(os.tmpdir(), "fuzz-uploads-"));
  process.env.UPLOAD_DIR = uploads;
  await seedWorld();
  const campaign = await createCampaign(2023);
  const partner = await createFundedPartner(campaign.id);
  const other = await createFundedPartner(campaign.id);
  const complete = await createFundedPartner(campaign.id);
  await fillReturn(complete.current, complete.returnId);
  const sections = await sectionsOf(partner.returnId);
  // The funded-measure block has the richest form (figures table, choices, numbers).
  const block = sections.find((s) => s.kind === "FUNDED_MEASURE") ?? sections[0]!;
  const attachmentsCampaign = await createAttachmentsCampaign();
  const withFiles = await createPartnerReturn(attachmentsCampaign.id);
  const template = await prisma.questionnaireTemplate.findFirstOrThrow({
    orderBy: { version: "asc" },
  });
  world = {
    partnerCookie: await cookieFor(partner.user.id),
    otherCookie: await cookieFor(other.user.id),
    adminCookie: await cookieFor((await createStaffUser("ADMIN")).id),
    reviewerCookie: await cookieFor((await createStaffUser("REVIEWER")).id),
    returnId: partner.returnId,
    otherReturnId: other.returnId,
    completeReturnId: complete.returnId,
    completeCookie: await cookieFor(complete.user.id),
    sectionIds: sections.map((s) => s.id),
    otherSectionId: (await sectionsOf(other.returnId))[0]!.id,
    questions: [...block.definition.questions],
    sectionId: block.id,
    upload: {
      returnId: withFiles.returnId,
      sectionId: withFiles.sectionId,
      cookie: await cookieFor(withFiles.current.user.id),
    },
    templateText: JSON.stringify(template.definition, null, 2),
  };
  last = await fingerprint();
}, 180_000);

afterAll(async () => {
  console.log(tally.report("In-process fuzz", FUZZ_SEED));
  delete process.env.UPLOAD_DIR;
  await rm(uploads, { recursive: true, force: true });
});

/**
 * Ids a forged URL may carry: mostly the right one, else another tenant's, unknown, junk.
 * No control characters: server.js refuses such URLs with a 400 before any route runs (the
 * HTTP fuzz sends them), so a route never receives them.
 */
const idLike = (own: string, others: string[]) =>
  fc.oneof(
    { arbitrary: fc.constant(own), weight: 8 },
    { arbitrary: fc.constantFrom(...others), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        "unknown-id",
        "../../etc/passwd",
        "a%00b",
        "é\u2028€",
        "' OR 1=1 --",
        "x".repeat(5000),
        "",
      ),
      weight: 1,
    },
  );

const cookieChoice = (own: () => string) =>
  fc
    .constantFrom("own", "own", "own", "own", "own", "own", "other", "none", "garbage")
    .map((c) => ({
      label: c,
      value:
        c === "own"
          ? own()
          : c === "other"
            ? world.otherCookie
            : c === "garbage"
              ? `${sessionCookie.name}=%E0%A4%A; other=\u00ff`
              : null,
    }));

function expectClean(target: string) {
  const mine = tally.distinctFindings().filter((f) => f.target.startsWith(target));
  expect(mine.map((f) => `${f.kind} → ${f.status} ${f.detail.slice(0, 300)}`)).toEqual([]);
}

describe("fuzz: partner section saves (autosave, draft, complete, row buttons)", () => {
  it("never answers 5xx, never hangs, and leaves the data alone when it refuses", async () => {
    const known = fieldNames(world.questions);
    const table = world.questions.find(
      (q) => q.kind === "figuresTable" || q.kind === "repeatableGroup",
    );
    const intents = fc.oneof(
      fc.constantFrom(
        "autosave",
        "draft",
        "complete",
        `add-row:${table?.id ?? "figures"}`,
        `remove-row:${table?.id ?? "figures"}:0`,
        `remove-row:${table?.id ?? "figures"}:99`,
        `remove-row:${table?.id ?? "figures"}:-1`,
        "add-row:__proto__",
        "remove-row:",
        "upload:nothing",
        "remove-file:unknown",
        "",
        "AUTOSAVE",
      ),
      nastyString,
    );
    const versions = fc.oneof(
      { arbitrary: fc.constant(VERSION), weight: 6 },
      {
        arbitrary: fc.constantFrom(
          "0",
          "-1",
          "1.5",
          "1e3",
          "",
          "abc",
          "99999999999999999999",
          "0x1",
          " 1",
        ),
        weight: 2,
      },
      { arbitrary: nastyString, weight: 1 },
    );
    const fields = fc
      .tuple(intents, versions, entries(known), fc.boolean())
      .map(([intent, version, rest, duplicateMeta]): Entry[] => [
        ["_intent", intent],
        ["_version", version],
        ...(duplicateMeta
          ? ([
              ["_intent", "complete"],
              ["_version", "0"],
            ] as Entry[])
          : []),
        ...rest,
      ]);
    const cases = fc.sample(
      fc.record({
        body: body(fields),
        returnId: idLike(world.returnId, [world.otherReturnId, world.completeReturnId]),
        sectionId: idLike(world.sectionId, [...world.sectionIds.slice(0, 3), world.otherSectionId]),
        cookie: cookieChoice(() => world.partnerCookie),
        lang: fc.constantFrom("fr", "fr", "nl", "nl", "de"),
      }),
      { seed: FUZZ_SEED, numRuns: runs(460) },
    );
    for (const c of cases) {
      const row = await prisma.returnSection.findUnique({ where: { id: world.sectionId } });
      const resolve = (v: string) => (v === VERSION ? String(row?.version ?? 0) : v);
      const { request, kind, size } = await post(
        `/${c.lang}/partner/returns/${encodeURIComponent(c.returnId)}/sections/${encodeURIComponent(c.sectionId)}`,
        c.body,
        c.cookie.value,
        resolve,
      );
      const intent = kind.startsWith("oversize") ? "oversize" : "section";
      await probe(
        `section`,
        `${kind} cookie=${c.cookie.label}`,
        `${size} bytes ${intent} _intent=${await intentOf(request)}`,
        () =>
          sectionRoute.action({
            request,
            params: { lang: c.lang, returnId: c.returnId, sectionId: c.sectionId },
            context: context(),
          } as never),
        (o) => (c.cookie.label === "own" ? refusedUnlessDraftKept(o) : true),
      );
    }
    expectClean("section");
  }, 300_000);
});

describe("fuzz: attachment uploads", () => {
  it("never answers 5xx and leaves no file behind when it refuses", async () => {
    const fields = fc
      .tuple(
        fc.constantFrom(
          "upload:documents",
          "upload:remarks",
          "upload:../../x",
          "remove-file:unknown",
          "autosave",
        ),
        fc.constantFrom(VERSION, VERSION, VERSION, "abc"),
        entries(["remarks", "documents"], 4),
      )
      .map(([intent, version, rest]): Entry[] => [
        ["_intent", intent],
        ["_version", version],
        ...rest,
      ]);
    const files = fc.array(
      fileSpec(["_file.documents", "_file.remarks", "documents", "_file.__proto__"]),
      {
        minLength: 1,
        maxLength: 3,
      },
    );
    const cases = fc.sample(
      fc.record({
        body: body(fields, { files, oversizeBytes: 10 * 1024 * 1024 + 64 * 1024 }),
        cookie: cookieChoice(() => world.upload.cookie),
      }),
      { seed: FUZZ_SEED + 1, numRuns: runs(120) },
    );
    const { returnId, sectionId } = world.upload;
    for (const c of cases) {
      const row = await prisma.returnSection.findUnique({ where: { id: sectionId } });
      const resolve = (v: string) => (v === VERSION ? String(row?.version ?? 0) : v);
      const { request, kind, size } = await post(
        `/fr/partner/returns/${returnId}/sections/${sectionId}`,
        c.body,
        c.cookie.value,
        resolve,
      );
      await probe(
        "upload",
        `${kind} cookie=${c.cookie.label}`,
        `${size} bytes _intent=${await intentOf(request)}`,
        () =>
          sectionRoute.action({
            request,
            params: { lang: "fr", returnId, sectionId },
            context: context(),
          } as never),
        (o) => (c.cookie.label === "own" ? refusedUnlessDraftKept(o) : true),
      );
    }
    // No temporary file survives: every stored file has its row.
    const rows = await prisma.attachment.findMany({
      where: { returnId },
      select: { storageKey: true },
    });
    expect((await readdir(uploads)).sort()).toEqual(rows.map((r) => r.storageKey).sort());
    expectClean("upload");
  }, 300_000);
});

describe("fuzz: submission (check page)", () => {
  it("never answers 5xx; a refused submission changes nothing", async () => {
    const keys = fc.oneof(
      fc.constantFrom(
        "abcdefghijklmnopqrstuv",
        "a".repeat(64),
        "a".repeat(65),
        "short",
        "a\u0000bcdefghijklmnopq",
      ),
      nastyString,
    );
    const fields = fc
      .tuple(keys, entries(["submissionKey", "status", "organisationId"], 4))
      .map(([key, rest]): Entry[] => [["submissionKey", key], ...rest]);
    const cases = fc.sample(
      fc.record({
        body: body(fields),
        which: fc.constantFrom(
          "incomplete",
          "incomplete",
          "incomplete",
          "complete",
          "other",
          "junk",
        ),
        cookie: fc.constantFrom("own", "own", "own", "none"),
      }),
      { seed: FUZZ_SEED + 2, numRuns: runs(160) },
    );
    for (const c of cases) {
      const returnId =
        c.which === "incomplete"
          ? world.returnId
          : c.which === "complete"
            ? world.completeReturnId
            : c.which === "other"
              ? world.otherReturnId
              : "../x%00";
      const cookie =
        c.cookie === "none"
          ? null
          : c.which === "complete"
            ? world.completeCookie
            : world.partnerCookie;
      const { request, kind, size } = await post(
        `/fr/partner/returns/${encodeURIComponent(returnId)}/check`,
        c.body,
        cookie,
      );
      await probe(
        "submit",
        `${kind} return=${c.which} cookie=${c.cookie}`,
        `${size} bytes`,
        () =>
          checkRoute.action({
            request,
            params: { lang: "fr", returnId },
            context: context(),
          } as never),
        (o) => c.cookie === "none" || refusedStatus(o),
      );
    }
    expectClean("submit");
  }, 300_000);
});

describe("fuzz: login and login confirmation", () => {
  it("login: never 5xx; a refused request sends nothing", async () => {
    const emails = fc.oneof(
      fc.constantFrom(
        "demo.partenaire@example.org",
        "reviewer@example.org",
        "nobody@example.org",
        "a@b",
        "@",
        "a\u0000@example.org",
        "A@EXAMPLE.ORG ",
      ),
      fc.emailAddress(),
      nastyString,
    );
    const fields = fc
      .tuple(
        emails,
        fc.oneof(
          fc.constantFrom("/fr/partner", "//evil.example", "/%09/evil.example/"),
          nastyString,
        ),
        entries(["email", "redirectTo"], 4),
      )
      .map(([email, redirectTo, rest]): Entry[] => [
        ["email", email],
        ["redirectTo", redirectTo],
        ...rest,
      ]);
    const cases = fc.sample(
      fc.record({ body: body(fields), ip: fc.ipV4(), lang: fc.constantFrom("fr", "nl") }),
      { seed: FUZZ_SEED + 3, numRuns: runs(170) },
    );
    for (const c of cases) {
      const { request, kind, size } = await post(`/${c.lang}/login`, c.body, null);
      await probe(
        "login",
        kind,
        `${size} bytes`,
        async () => {
          try {
            return await loginRoute.action({
              request,
              params: { lang: c.lang },
              context: context(c.ip),
            } as never);
          } finally {
            // Links are issued after the answer (no timing oracle): wait for them, so that the
            // next request is measured on its own.
            await (magicLink as { settleLoginLinks?: () => Promise<void> }).settleLoginLinks?.();
          }
        },
        refusedStatus,
      );
    }
    expectClean("login");
  }, 300_000);

  it("confirm: never 5xx; an unusable token logs nobody in", async () => {
    const tokens = fc.oneof(
      fc.string({
        unit: fc.constantFrom(
          ..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
        ),
        minLength: 43,
        maxLength: 43,
      }),
      nastyString,
    );
    const fields = fc
      .tuple(tokens, entries(["token"], 4))
      .map(([token, rest]): Entry[] => [["token", token], ...rest]);
    const cases = fc.sample(fc.record({ body: body(fields), lang: fc.constantFrom("fr", "nl") }), {
      seed: FUZZ_SEED + 4,
      numRuns: runs(110),
    });
    for (const c of cases) {
      const { request, kind, size } = await post(`/${c.lang}/login/confirm`, c.body, null);
      await probe(
        "confirm",
        kind,
        `${size} bytes`,
        () =>
          confirmRoute.action({ request, params: { lang: c.lang }, context: context() } as never),
        // No valid token exists: every answer is a refusal, even the 200 "invalid link" page.
        () => true,
      );
    }
    expectClean("confirm");
  }, 300_000);
});

describe("fuzz: staff template import", () => {
  it("never 5xx, never blocks; a refused import stores nothing", async () => {
    const base = () => world.templateText;
    const texts = fc.oneof(
      // The real template with a slice replaced: mostly broken, sometimes valid but changed.
      fc.tuple(fc.nat(), fc.nat({ max: 200 }), nastyString).map(([at, len, junk]) => {
        const text = base();
        const i = at % text.length;
        return text.slice(0, i) + junk + text.slice(i + len);
      }),
      fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
      fc.nat({ max: 400 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
      fc
        .nat({ max: 400 })
        .map(
          (depth) =>
            "a:\n" +
            Array.from({ length: depth }, (_, i) => `${"  ".repeat(i + 1)}b${i}:`).join("\n"),
        ),
      fc.constantFrom(
        "a: &a [1]\nb: [*a, *a, *a]\n",
        "key: value\nkey: other\n",
        "--- !!js/function 'function(){}'\n",
        '{"key": "t", "__proto__": {"polluted": true}}',
        "%YAML 9.9\n---\na: 1\n",
        "\ufeff{}",
      ),
      nastyString,
    );
    const fields = fc
      .tuple(texts, fc.constantFrom("yes", "no", "", "\u0000"), entries(["text", "publish"], 3))
      .map(([text, publish, rest]): Entry[] => [["text", text], ["publish", publish], ...rest]);
    const files = fc.array(fileSpec(["file"]), { maxLength: 1 });
    const cases = fc.sample(
      fc.record({
        body: body(fields, { files, oversizeBytes: 1024 * 1024 + 64 * 1024 }),
        cookie: fc.constantFrom("admin", "admin", "admin", "admin", "reviewer", "partner"),
      }),
      { seed: FUZZ_SEED + 5, numRuns: runs(160) },
    );
    for (const c of cases) {
      const cookie =
        c.cookie === "admin"
          ? world.adminCookie
          : c.cookie === "reviewer"
            ? world.reviewerCookie
            : world.partnerCookie;
      const { request, kind, size } = await post("/fr/staff/templates/import", c.body, cookie);
      await probe(
        "template-import",
        `${kind} as=${c.cookie}`,
        `${size} bytes`,
        () => importRoute.action({ request, params: { lang: "fr" }, context: context() } as never),
        (o) => c.cookie !== "admin" || refusedStatus(o),
      );
    }
    expectClean("template-import");
  }, 300_000);
});

describe("fuzz: staff list query strings", () => {
  it("partners, outbox and campaigns lists never 5xx and change nothing", async () => {
    const key = fc.oneof(
      fc.constantFrom(
        "q",
        "kind",
        "channel",
        "status",
        "page",
        "sort",
        "q[]",
        "kind[0]",
        "__proto__",
      ),
      nastyString,
    );
    const value = fc.oneof(
      fc.constantFrom(
        "POLICE_ZONE",
        "COMMUNE",
        "ASBL_CALL",
        "PENDING",
        "DEAD",
        "police_zone",
        "%00",
        "%ZZ",
        "%",
      ),
      nastyString,
    );
    const raw = fc.oneof(
      fc
        .array(fc.tuple(key, value), { maxLength: 6 })
        .map((pairs) => new URLSearchParams(pairs).toString()),
      fc
        .array(fc.tuple(key, value), { maxLength: 4 })
        .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&")),
      fc.constantFrom(
        "q=%00",
        "q=%E0%A4%A",
        "q=" + "%41".repeat(3000),
        "kind=&kind=COMMUNE&kind=",
        "&&&==&",
        "q=a%00b&kind=NON_PROFIT",
      ),
    );
    const lists = [
      { target: "staff-partners", path: "partners", route: partnersRoute },
      { target: "staff-outbox", path: "outbox", route: outboxRoute },
      { target: "staff-campaigns", path: "campaigns", route: campaignsRoute },
    ] as const;
    const cases = fc.sample(
      fc.record({
        list: fc.constantFrom(0, 0, 1, 2),
        query: raw,
        cookie: fc.constantFrom("admin", "reviewer", "reviewer", "partner", "none"),
      }),
      { seed: FUZZ_SEED + 6, numRuns: runs(220) },
    );
    for (const c of cases) {
      const list = lists[c.list]!;
      const cookie =
        c.cookie === "admin"
          ? world.adminCookie
          : c.cookie === "reviewer"
            ? world.reviewerCookie
            : c.cookie === "partner"
              ? world.partnerCookie
              : null;
      const headers = new Headers(cookie ? { cookie } : {});
      let request: Request;
      try {
        request = new Request(`${ORIGIN}/fr/staff/${list.path}?${c.query}`, { headers });
      } catch {
        continue; // Not a URL any client could send.
      }
      await probe(
        list.target,
        `query as=${c.cookie}`,
        preview(c.query),
        () => list.route.loader({ request, params: { lang: "fr" }, context: context() } as never),
        () => true,
      );
    }
    expectClean("staff-");
  }, 300_000);
});

// Each was a 500 found by this suite; kept as plain cases so they read as the bugs they were.
describe("fuzz regressions", () => {
  it("a session cookie with a malformed %-escape is no session (login redirect), not a 500", async () => {
    const request = new Request(`${ORIGIN}/fr/staff/partners`, {
      headers: { cookie: `${sessionCookie.name}=%E0%A4%A` },
    });
    const outcome = await outcomeOf(() =>
      partnersRoute.loader({ request, params: { lang: "fr" }, context: context() } as never),
    );
    expect(outcome).toMatchObject({ status: 302 });
  });

  it("a NUL in the staff partner search is dropped, not sent to the database", async () => {
    const request = new Request(`${ORIGIN}/fr/staff/partners?q=a%00b`, {
      headers: { cookie: world.reviewerCookie },
    });
    const outcome = await outcomeOf(() =>
      partnersRoute.loader({ request, params: { lang: "fr" }, context: context() } as never),
    );
    expect(outcome.status).toBe(200);
    expect((outcome.data as { filters: { q?: string } }).filters.q).toBe("ab");
  });

  it("an upload naming a question that takes no files is refused before the draft is saved", async () => {
    const before = await prisma.returnSection.findUniqueOrThrow({ where: { id: world.sectionId } });
    const textQuestion = world.questions.find(
      (q) => q.kind === "longText" || q.kind === "shortText",
    )!;
    const form = new URLSearchParams({
      _intent: `upload:${textQuestion.id}`,
      _version: String(before.version),
      [textQuestion.id]: "Texte qui ne doit pas être enregistré par cette requête",
    });
    const request = new Request(
      `${ORIGIN}/fr/partner/returns/${world.returnId}/sections/${world.sectionId}`,
      {
        method: "POST",
        headers: {
          cookie: world.partnerCookie,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: form.toString(),
      },
    );
    const outcome = await outcomeOf(() =>
      sectionRoute.action({
        request,
        params: { lang: "fr", returnId: world.returnId, sectionId: world.sectionId },
        context: context(),
      } as never),
    );
    expect(outcome.status).toBe(400);
    const after = await prisma.returnSection.findUniqueOrThrow({ where: { id: world.sectionId } });
    expect(after.version).toBe(before.version);
    expect(after.answers).toEqual(before.answers);
  });
});
