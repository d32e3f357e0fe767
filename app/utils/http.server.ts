import { data } from "react-router";

/** 404 that reveals nothing: used for unknown ids and other organisations' resources alike. */
export function notFound(): never {
  throw data({ error: "not-found" }, { status: 404 });
}

export function badRequest(): never {
  throw data({ error: "bad-request" }, { status: 400 });
}

/** Only same-site absolute paths are accepted as redirect targets. */
export function safeRedirectPath(target: unknown, fallback: string): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//")) {
    return fallback;
  }
  if (target.includes("\\") || /[\r\n]/.test(target)) return fallback;
  return target;
}
