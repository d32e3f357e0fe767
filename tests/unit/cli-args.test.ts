// The command lines' argument reader (app/utils/cli-args.ts), shared by `npm run report` and
// `npm run import -- contributions`: what is wrong is named, and a repeated option is refused
// rather than the last one kept.
import { describe, expect, it } from "vitest";
import { earlyOptionValue, readCliArgs } from "~/utils/cli-args";

const kinds = { lang: "string", as: "string", "dry-run": "boolean" } as const;

describe("readCliArgs", () => {
  it("reads --name value, --name=value, flags and positionals", () => {
    expect(readCliArgs(["a.csv", "--lang", "nl", "--as=x@y.be", "--dry-run"], kinds)).toEqual({
      ok: true,
      values: { lang: "nl", as: "x@y.be", "dry-run": true },
      positionals: ["a.csv"],
    });
    expect(readCliArgs(["--", "--lang"], kinds)).toEqual({
      ok: true,
      values: {},
      positionals: ["--lang"],
    });
  });

  it("names the option at fault", () => {
    const cases: [string[], { problem: string; option: string }][] = [
      [["--dryrun"], { problem: "unknownOption", option: "--dryrun" }],
      [["-l", "nl"], { problem: "unknownOption", option: "-l" }],
      [["--constructor"], { problem: "unknownOption", option: "--constructor" }],
      [["--as"], { problem: "missingValue", option: "--as" }],
      [["--as", "--dry-run"], { problem: "missingValue", option: "--as" }],
      [["--as="], { problem: "missingValue", option: "--as" }],
      [["--dry-run=yes"], { problem: "unexpectedValue", option: "--dry-run" }],
      [["--lang", "fr", "--lang=nl"], { problem: "repeatedOption", option: "--lang" }],
      [["--dry-run", "--dry-run"], { problem: "repeatedOption", option: "--dry-run" }],
    ];
    for (const [args, problem] of cases) {
      expect(readCliArgs(args, kinds), args.join(" ")).toEqual({ ok: false, ...problem });
    }
  });

  it("finds the language before the rest is read", () => {
    expect(earlyOptionValue(["--bogus", "--lang", "nl"], "lang")).toBe("nl");
    expect(earlyOptionValue(["--lang=nl"], "lang")).toBe("nl");
    expect(earlyOptionValue(["--", "--lang", "nl"], "lang")).toBeUndefined();
  });
});
