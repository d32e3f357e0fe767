// Input handling at the HTTP edge, without a server: redirect targets, form bodies (limits,
// content types, control characters), odd field names, the logout Origin rule, proxy settings,
// and what error logs may contain. The same rules through real sockets: tests/http/.
import { afterEach, describe, expect, it, vi } from "vitest";
import { handleError } from "~/entry.server";
import { formDataToObject } from "~/modules/questionnaires/form-fields";
import type { Question } from "~/modules/questionnaires/definition";
import { postedAnswers } from "~/modules/returns/section-form.server";
import { prisma } from "~/utils/db.server";
import {
  configurationProblems,
  devMailboxEnabled,
  publicUrl,
  trustProxySetting,
  remindersRehearsalEnabled,
} from "../../server-config.js";
import { isCrossOriginPost, safeRedirectPath } from "~/utils/http.server";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";
import { clientIpContext, requestIdContext } from "~/utils/request-context";
import { settleLoginLinks } from "~/modules/auth/magic-link.server";
import { action as loginAction } from "~/routes/public/login";
import { createStaffUser } from "../fixtures/factories";
import { RouterContextProvider } from "react-router";

describe("safeRedirectPath: same-origin paths only", () => {
  const accepted: [string, string][] = [
    ["/fr/partner", "/fr/partner"],
    ["/fr/partner/returns/abc?tab=2#s1", "/fr/partner/returns/abc?tab=2#s1"],
    ["/nl/plans/PGSP-2021-2024/themes/3", "/nl/plans/PGSP-2021-2024/themes/3"],
    ["/fr/login?redirectTo=%2Ffr%2Fpartner", "/fr/login?redirectTo=%2Ffr%2Fpartner"],
    ["/fr/a/../partner", "/fr/partner"],
    ["/fr/caf%C3%A9", "/fr/caf%C3%A9"],
  ];
  it.each(accepted)("accepts %s", (target, expected) => {
    expect(safeRedirectPath(target, "FALLBACK")).toBe(expected);
  });

  // From the issue, the OWASP open-redirect and URL-parsing cheat sheets.
  const refused = [
    "/%09/evil.example/",
    "/\t/evil.example/",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "//evil.example",
    "///evil.example",
    "////evil.example/",
    "\\\\evil.example",
    "/ /evil.example",
    "/\u00a0/evil.example",
    "/\u2028/evil.example",
    "/\u2029/evil.example",
    "/\u3000/evil.example",
    "/\u200b/evil.example",
    "/\u0000/evil.example",
    "/\r\n/evil.example",
    "/%0d%0aSet-Cookie:x=y",
    "/%00/evil.example",
    "/%E2%80%A8/evil.example",
    "/%C2%A0/evil.example",
    "/.%2e/%2e%2e/evil",
    "https://evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "/javascript:alert(1)//%0a",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "./evil",
    "",
    " /fr/partner",
    "/fr/partner\n",
  ];
  it.each(refused.map((target) => [JSON.stringify(target), target]))("refuses %s", (_, target) => {
    expect(safeRedirectPath(target, "FALLBACK")).toBe("FALLBACK");
  });

  it("refuses anything that is not a string", () => {
    for (const value of [null, undefined, 3, ["/fr"], { toString: () => "/fr" }]) {
      expect(safeRedirectPath(value, "F")).toBe("F");
    }
  });

  it("whatever it accepts, a browser resolves on our origin", () => {
    for (const target of [...refused, ...accepted.map(([t]) => t)]) {
      const result = safeRedirectPath(target, "/");
      expect(new URL(result, "https://app.example").origin, target).toBe("https://app.example");
    }
  });
});

function post(body: BodyInit | null, headers: Record<string, string>) {
  return new Request("http://localhost/fr/login", {
    method: "POST",
    body,
    headers,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function statusOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof Response ? error.status : String(error);
  }
}

describe("readFormData", () => {
  it("refuses a declared body over the cap with 413 before reading it", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const request = post(body, {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(300 * 1024 * 1024),
    });
    expect(await statusOf(readFormData(request, SMALL_FORM_BYTES))).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("stops reading an undeclared (chunked) body at the cap with 413", async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 4096;
        controller.enqueue(new TextEncoder().encode("a".repeat(4096)));
      },
    });
    const request = post(body, { "content-type": "application/x-www-form-urlencoded" });
    expect(await statusOf(readFormData(request, SMALL_FORM_BYTES))).toBe(413);
    expect(sent).toBeLessThan(SMALL_FORM_BYTES + 3 * 4096);
  });

  it("answers 400 to a content type that is not a form", async () => {
    for (const type of ["text/plain", "application/json", "", "multipart/form-data"]) {
      const request = post("email=a%40b.c", type ? { "content-type": type } : {});
      expect(await statusOf(readFormData(request, SMALL_FORM_BYTES)), type).toBe(400);
    }
  });

  it("removes control characters from names and values and keeps the rest of the text", async () => {
    const body = new URLSearchParams([
      ["ema\u0000il", "a\u0000b\u0007c\u007f@example.org"],
      ["note", "line 1\r\nline 2\tend\u0000"],
    ]).toString();
    const form = await readFormData(
      post(body, { "content-type": "application/x-www-form-urlencoded" }),
      SMALL_FORM_BYTES,
    );
    expect(form.get("email")).toBe("abc@example.org");
    expect(form.get("note")).toBe("line 1\r\nline 2\tend");
  });

  it("does the same for multipart fields and file names", async () => {
    const source = new FormData();
    source.append("answer\u0001", "text\u0000 kept");
    source.append("file", new File(["%PDF-1.4"], "re\u0000port.pdf", { type: "application/pdf" }));
    const encoded = new Response(source);
    const request = post(await encoded.arrayBuffer(), {
      "content-type": encoded.headers.get("content-type")!,
    });
    const form = await readFormData(request, SMALL_FORM_BYTES);
    expect(form.get("answer")).toBe("text kept");
    expect((form.get("file") as File).name).toBe("report.pdf");
  });
});

describe("field names from the client never throw", () => {
  const questions: Question[] = [
    { id: "narrative", kind: "longText", label: { fr: "R", nl: "R" } } as unknown as Question,
  ];
  const odd: [string, string][] = [
    ["actions", "0"],
    ["actions.y", "1"],
    ["actions.x", "2"],
    ["narrative", "kept"],
    ["narrative.y", "3"],
    ["a..b", "4"],
    [".", "5"],
    ["__proto__.polluted", "6"],
    ["constructor.prototype.polluted", "7"],
    ["toString.x", "8"],
    ["hasOwnProperty.y", "9"],
    ["x.y.z.w.v", "10"],
  ];

  it("formDataToObject ignores names that clash, in any order", () => {
    for (const entries of [odd, [...odd].reverse()]) {
      expect(() => formDataToObject(entries, (name) => name.startsWith("actions"))).not.toThrow();
      expect(() => formDataToObject(entries, () => false)).not.toThrow();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("postedAnswers keeps the known answer and drops the rest", () => {
    const form = new FormData();
    for (const [name, value] of odd) form.append(name, value);
    expect(postedAnswers(form, questions)).toEqual({ narrative: "kept" });
  });
});

describe("logout's Origin rule (resource routes)", () => {
  const request = (headers: Record<string, string>) =>
    new Request("http://app.example/fr/logout", { method: "POST", headers });

  it("refuses another origin, a null origin and a cross-site fetch", () => {
    expect(isCrossOriginPost(request({ origin: "https://evil.example" }), "")).toBe(true);
    expect(isCrossOriginPost(request({ origin: "null" }), "")).toBe(true);
    expect(isCrossOriginPost(request({ "sec-fetch-site": "cross-site" }), "")).toBe(true);
  });

  it("accepts our origin, the configured public origin, and no Origin header (old browsers)", () => {
    expect(isCrossOriginPost(request({ origin: "http://app.example" }), "")).toBe(false);
    expect(
      isCrossOriginPost(request({ origin: "https://rapport.example" }), "https://rapport.example"),
    ).toBe(false);
    expect(isCrossOriginPost(request({}), "")).toBe(false);
  });
});

describe("links in emails", () => {
  it("come from configuration, never from the request's Host header", async () => {
    const user = await createStaffUser();
    const context = new RouterContextProvider();
    context.set(clientIpContext, "192.0.2.10");
    const request = new Request("http://evil.example/fr/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", host: "evil.example" },
      body: new URLSearchParams({ email: user.email }).toString(),
    });
    const response = await loginAction({ request, params: { lang: "fr" }, context } as never);
    expect((response as Response).status).toBe(302);
    await settleLoginLinks();
    const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { toEmail: user.email } });
    const link = (mail.payload as { link: string }).link;
    // Outside production the default is this machine (PUBLIC_URL is required in production).
    expect(new URL(link).origin).toBe("http://localhost:3000");
    expect(link).not.toContain("evil.example");
  });
});

describe("configuration", () => {
  it("TRUST_PROXY is a hop count or a list, never every hop", () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting("")).toBe(false);
    expect(trustProxySetting("0")).toBe(false);
    expect(trustProxySetting("1")).toBe(1);
    expect(trustProxySetting("2")).toBe(2);
    expect(trustProxySetting("10.0.0.1, 10.1.0.0/16")).toEqual(["10.0.0.1", "10.1.0.0/16"]);
    expect(() => trustProxySetting("true")).toThrow(/every hop/);
  });

  const production = { NODE_ENV: "production", PUBLIC_URL: "https://rapport.example" };

  it("production needs PUBLIC_URL, an origin; elsewhere links default to this machine", () => {
    expect(configurationProblems(production)).toEqual([]);
    expect(configurationProblems({ NODE_ENV: "production" })[0]).toMatch(/PUBLIC_URL is not set/);
    expect(configurationProblems({ ...production, PUBLIC_URL: "rapport.example/x" })).toHaveLength(
      1,
    );
    expect(configurationProblems({ NODE_ENV: "development" })).toEqual([]);
    expect(publicUrl({ NODE_ENV: "development", PORT: "4000" })).toBe("http://localhost:4000");
    expect(publicUrl({ ...production, PUBLIC_URL: "https://rapport.example/" })).toBe(
      "https://rapport.example",
    );
  });

  it("the development mailbox in production needs DEV_MAILBOX=1 and a loopback HOST", () => {
    expect(devMailboxEnabled(production)).toBe(false);
    expect(devMailboxEnabled({ ...production, DEV_MAILBOX: "1" })).toBe(false);
    expect(devMailboxEnabled({ ...production, DEV_MAILBOX: "1", HOST: "0.0.0.0" })).toBe(false);
    expect(devMailboxEnabled({ ...production, DEV_MAILBOX: "1", HOST: "127.0.0.1" })).toBe(true);
    expect(configurationProblems({ ...production, DEV_MAILBOX: "1", HOST: "0.0.0.0" })[0]).toMatch(
      /DEV_MAILBOX=1 needs HOST=127\.0\.0\.1/,
    );
    expect(devMailboxEnabled({ NODE_ENV: "development" })).toBe(true);
    expect(devMailboxEnabled({ NODE_ENV: "development", SMTP_URL: "smtp://x" })).toBe(false);
  });

  it("the reminders rehearsal in production needs REMINDERS_REHEARSAL=1 and a loopback HOST", () => {
    const rehearsal = { ...production, REMINDERS_REHEARSAL: "1" };
    expect(remindersRehearsalEnabled(production)).toBe(false);
    expect(remindersRehearsalEnabled(rehearsal)).toBe(false);
    expect(remindersRehearsalEnabled({ ...rehearsal, HOST: "0.0.0.0" })).toBe(false);
    expect(remindersRehearsalEnabled({ ...rehearsal, HOST: "127.0.0.1" })).toBe(true);
    expect(remindersRehearsalEnabled({ ...rehearsal, HOST: "::1" })).toBe(true);
    expect(configurationProblems({ ...rehearsal, HOST: "0.0.0.0" })).toEqual([
      expect.stringMatching(/REMINDERS_REHEARSAL=1 needs HOST=127\.0\.0\.1/),
    ]);
    expect(configurationProblems({ ...rehearsal, HOST: "127.0.0.1" })).toEqual([]);
    expect(remindersRehearsalEnabled({ NODE_ENV: "development" })).toBe(false);
    expect(remindersRehearsalEnabled({ NODE_ENV: "development", REMINDERS_REHEARSAL: "1" })).toBe(
      true,
    );
    expect(configurationProblems({ NODE_ENV: "test", REMINDERS_REHEARSAL: "1" })).toEqual([]);
  });

  it("TRUST_PROXY=true is a configuration problem", () => {
    expect(configurationProblems({ ...production, TRUST_PROXY: "true" })[0]).toMatch(/every hop/);
  });
});

describe("error logs", () => {
  afterEach(() => vi.restoreAllMocks());

  it("name the path, the request id and the error's class and code, never the typed text", async () => {
    const answer = `Réponse confidentielle ${"x".repeat(60_000)} fin`;
    const email = "person@example.org";
    const token = "A".repeat(43);
    let databaseError: unknown;
    try {
      // A real database error on user text: PostgreSQL refuses NUL characters.
      await prisma.user.create({
        data: { email: `${email}\u0000`, displayName: answer.slice(0, 5000) },
      });
    } catch (error) {
      databaseError = error;
    }
    expect(databaseError).toBeInstanceOf(Error);
    const quoting = Object.assign(new Error(`duplicate key (${email}) ${answer} ${token}`), {
      code: "23505",
    });

    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      lines.push(
        args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(" "),
      );
    });
    const context = new RouterContextProvider();
    context.set(requestIdContext, "req123");
    for (const error of [databaseError, quoting]) {
      const request = new Request(
        `http://localhost/fr/partner/returns/r1/sections/s1?token=${token}`,
        { method: "POST" },
      );
      handleError(error, { request, params: {}, context } as never);
    }
    expect(lines).toHaveLength(2);
    const output = lines.join("\n");
    expect(output).toContain("[req123] POST /fr/partner/returns/r1/sections/s1");
    expect(output).toContain("Error 23505");
    for (const secret of ["confidentielle", "xxxxxxxxxx", email, token, "token="]) {
      expect(output).not.toContain(secret);
    }
  });
});
