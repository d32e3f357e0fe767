import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDate, formatNumber } from "~/modules/i18n/format";
import { detectLanguage } from "~/modules/i18n/languages";
import { namespaces } from "~/modules/i18n/resources";

const localesDir = path.resolve(import.meta.dirname, "../../locales");

function keys(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

function load(lang: string) {
  return Object.fromEntries(
    readdirSync(path.join(localesDir, lang))
      .filter((file) => file.endsWith(".json"))
      .map((file) => [file, JSON.parse(readFileSync(path.join(localesDir, lang, file), "utf8"))]),
  );
}

describe("UI strings", () => {
  const fr = load("fr");
  const nl = load("nl");

  it("have the same files in French and Dutch, all registered as namespaces", () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(nl).sort());
    expect(
      Object.keys(fr)
        .map((f) => f.replace(".json", ""))
        .sort(),
    ).toEqual([...namespaces].sort());
  });

  it.each(Object.keys(fr))("%s has every key in both languages, none empty", (file) => {
    const frKeys = keys(fr[file]).sort();
    const nlKeys = keys(nl[file]).sort();
    expect(
      nlKeys.filter((k) => !frKeys.includes(k)),
      "keys only in nl",
    ).toEqual([]);
    expect(
      frKeys.filter((k) => !nlKeys.includes(k)),
      "keys only in fr",
    ).toEqual([]);
    const empty = (obj: unknown) =>
      keys(obj).filter(
        (k) =>
          k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)?.[part], obj) ===
          "",
      );
    expect(empty(fr[file])).toEqual([]);
    expect(empty(nl[file])).toEqual([]);
  });
});

describe("language detection", () => {
  it("prefers the cookie, then Accept-Language by quality, else French", () => {
    expect(detectLanguage("nl", "fr-BE")).toBe("nl");
    expect(detectLanguage(undefined, "en-GB,nl-BE;q=0.8,fr;q=0.5")).toBe("nl");
    expect(detectLanguage(undefined, "fr;q=0.4,nl;q=0.9")).toBe("nl");
    expect(detectLanguage(undefined, "de-DE")).toBe("fr");
    expect(detectLanguage(undefined, null)).toBe("fr");
  });
});

describe("Belgian formats", () => {
  it("formats dates in Brussels time and numbers per language", () => {
    // 23:30 UTC on 31 December is already 1 January in Brussels.
    const date = new Date("2023-12-31T23:30:00Z");
    expect(formatDate(date, "fr")).toBe("1 janvier 2024");
    expect(formatDate(date, "nl")).toBe("1 januari 2024");
    expect(formatNumber(1234.5, "fr")).toMatch(/^1\s?234,5$/);
    expect(formatNumber(1234.5, "nl")).toBe("1.234,5");
  });
});

describe("Brussels wall-clock times", () => {
  it("converts with the right offset in winter and in summer", async () => {
    const { brusselsTime } = await import("~/modules/i18n/format");
    expect(brusselsTime("2024-01-15", "00:00").toISOString()).toBe("2024-01-14T23:00:00.000Z");
    // 31 March 2024 is the day summer time starts: 23:59 is UTC+2.
    expect(brusselsTime("2024-03-31", "23:59").toISOString()).toBe("2024-03-31T21:59:00.000Z");
    expect(brusselsTime("2024-07-01", "12:00").toISOString()).toBe("2024-07-01T10:00:00.000Z");
  });
});
