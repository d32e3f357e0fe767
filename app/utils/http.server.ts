import { data } from "react-router";
import { env } from "./env.server";

/** 404 that reveals nothing: used for unknown ids and other organisations' resources alike. */
export function notFound(): never {
  throw data({ error: "not-found" }, { status: 404 });
}

export function badRequest(): never {
  throw data({ error: "bad-request" }, { status: 400 });
}

// C0 controls except tab, line feed and carriage return, and DEL. PostgreSQL refuses NUL in
// text; the others are never typed on purpose. One rule everywhere: they are removed from form
// fields (keys and values), so the rest of what was typed is kept.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, "");
}

// The base only serves to resolve relative targets; it is never sent anywhere.
const PROBE_ORIGIN = "http://redirect.invalid";

/**
 * Only same-origin absolute paths are accepted as redirect targets: the target is resolved
 * with the WHATWG URL parser (as browsers do) and must stay on the origin. Targets a browser
 * could read differently (backslashes, tabs and other controls, spaces, `//`, encoded slashes
 * or backslashes right after the first slash) are refused outright rather than repaired.
 */
export function safeRedirectPath(target: unknown, fallback: string): string {
  if (typeof target !== "string" || target.length === 0 || target.length > 2048) return fallback;
  // One leading "/" followed by something that is not a second slash or backslash.
  if (!target.startsWith("/") || /^\/[/\\]/.test(target)) return fallback;
  // Backslashes, ASCII controls and spaces, and any Unicode space or line separator.
  if (/[\\\s\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}]/u.test(target)) return fallback;
  // Encoded slashes, backslashes, dots, controls and spaces: the target is a path we built,
  // it never needs them in its path part, and some servers or proxies decode them.
  const pathPart = target.split(/[?#]/, 1)[0] ?? "";
  if (/%(2f|5c|2e|0[0-9a-f]|1[0-9a-f]|7f|20|e2%80|c2%a0|e3%80%80)/i.test(pathPart)) {
    return fallback;
  }
  let resolved: URL;
  try {
    resolved = new URL(target, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (resolved.origin !== PROBE_ORIGIN) return fallback;
  const normalised = resolved.pathname + resolved.search + resolved.hash;
  // A path that normalises to "//…" would be protocol-relative once used as a Location.
  if (!normalised.startsWith("/") || normalised.startsWith("//")) return fallback;
  return normalised;
}

/**
 * The router's CSRF rule for routes it does not check (resource routes): a request whose
 * Origin header is present must come from this site ("null", sent by sandboxed or
 * privacy-restricted documents, is refused too). Same-origin means the request's own origin
 * or the configured public URL (behind a proxy the two can differ).
 */
export function isCrossOriginPost(request: Request, publicUrl = env.publicUrl): boolean {
  const origin = request.headers.get("origin");
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  if (origin === null) return false;
  const allowed = new Set([new URL(request.url).origin]);
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  return !allowed.has(origin);
}
