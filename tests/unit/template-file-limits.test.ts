// Resource limits of template files: hostile JSON/YAML (deep nesting, alias bombs, huge or
// duplicate-heavy maps) is refused quickly with a precise message, in the parser's usual
// "where: what" format, and valid templates parse exactly as before the limits.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { DEFAULT_TEMPLATE_FILE } from "../../prisma/seed/returns";
import { templateDefinition } from "~/modules/questionnaires/definition";
import { parseTemplateFile } from "~/modules/questionnaires/template-file.server";
import {
  MAX_TEMPLATE_BYTES,
  MAX_TEMPLATE_DEPTH,
  MAX_TEMPLATE_NODES,
} from "~/modules/questionnaires/template-file-limits.server";

// Generous bounds: they catch a hang or a quadratic blow-up, not a slow machine. Speed itself
// is measured by tests/bench/template-parse.ts (figures in docs/reliability.md). The parse is
// timed in CPU time of this process, not wall time: on a shared machine other processes (or
// the other test workers) would otherwise be counted as our parse's.
const HOSTILE_BOUND_MS = 2_000;

function timedParse(text: string) {
  const started = process.cpuUsage();
  const result = parseTemplateFile(text);
  const { user, system } = process.cpuUsage(started);
  return { result, ms: (user + system) / 1000 };
}

function refusal(text: string, boundMs = HOSTILE_BOUND_MS) {
  const { result, ms } = timedParse(text);
  expect(ms, "parse time (ms)").toBeLessThan(boundMs);
  expect(result.ok, "the file is refused").toBe(false);
  return result.ok ? [] : result.errors;
}

/** `[[[ … 1 … ]]]`: `depth` nested lists. */
const nestedFlow = (depth: number) => "[".repeat(depth) + "1" + "]".repeat(depth);
/** `- - - … x`: `depth` nested block lists on one line. */
const nestedDashes = (depth: number) => "- ".repeat(depth) + "x";
/** One map per line, each indented under the previous one. */
const nestedMaps = (depth: number) =>
  Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}a:`).join("\n") + " 1";

/** The parser before limits were added, as the reference for valid files. */
function referenceParse(text: string) {
  const document = parseDocument(text, { uniqueKeys: true });
  expect(document.errors).toEqual([]);
  return templateDefinition.parse(document.toJS({ maxAliasCount: 100 }));
}

const deepTooDeep = /^line 1, column \d+: nested more than 64 levels deep$/;

describe("template file limits: hostile input", () => {
  it("10 000 opening brackets (JSON) are refused as too deep", () => {
    expect(refusal("[".repeat(10_000))).toEqual([expect.stringMatching(deepTooDeep)]);
  });

  it('10 000 nested objects ({"a": …) are refused as too deep', () => {
    expect(refusal('{"a":'.repeat(10_000))).toEqual([expect.stringMatching(deepTooDeep)]);
  });

  it("10 000 nested YAML lists (- - - …) are refused as too deep", () => {
    expect(refusal(nestedDashes(10_000))).toEqual([expect.stringMatching(deepTooDeep)]);
  });

  it("nesting by indentation is refused as too deep, at the line where it goes past", () => {
    const errors = refusal(nestedMaps(200));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^line 6[56], column \d+: nested more than 64 levels deep$/);
  });

  it("lists at their key's own indentation are counted too", () => {
    // a:\n- b:\n  - c: … puts two levels per two columns, which indentation alone undercounts.
    const text = Array.from({ length: 100 }, (_, i) => {
      const indent = "  ".repeat(i);
      return `${indent}a:\n${indent}- b:`;
    })
      .join("\n")
      .replace(/- b:$/, "- b: 1");
    expect(refusal(text)).toEqual([
      expect.stringMatching(/^line \d+, column \d+: nested more than 64 levels deep$/),
    ]);
  });

  it("a billion-laughs alias bomb is refused before it expands", () => {
    const names = "abcdefghij";
    const lines = [`a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`];
    for (let i = 1; i < names.length; i++) {
      const previous = `*${names[i - 1]}`;
      lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(previous).join(", ")}]`);
    }
    const errors = refusal(lines.join("\n"));
    expect(errors).toEqual([
      expect.stringMatching(
        /^line \d+, column \d+: more than 5000 values \(aliases count as what they repeat\)$/,
      ),
    ]);
  });

  it("more than 100 aliases are refused, at the 101st", () => {
    const text = ["base: &x 1", ...Array.from({ length: 101 }, (_, i) => `k${i}: *x`)].join("\n");
    expect(refusal(text)).toEqual(["line 102, column 7: more than 100 aliases"]);
  });

  it("an alias inside the node it repeats is refused", () => {
    expect(refusal("a: &loop [1, *loop]")).toEqual([
      "line 1, column 14: an alias may not repeat a node that contains it",
    ]);
  });

  it("a 60 000-key map and 60 000 duplicate keys are refused by size, at once", () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => `k${i}: 1`).join("\n");
    const duplicates = Array.from({ length: 60_000 }, () => "k: 1").join("\n");
    expect(refusal(keys, 100)).toEqual(["(file): larger than 64 KB"]);
    expect(refusal(duplicates, 100)).toEqual(["(file): larger than 64 KB"]);
  });

  it("more values than the limit are refused, even in a small file", () => {
    const text = `[${Array(MAX_TEMPLATE_NODES + 1)
      .fill("1")
      .join(",")}]`;
    expect(text.length).toBeLessThan(MAX_TEMPLATE_BYTES);
    expect(refusal(text)).toEqual([
      expect.stringMatching(/^line 1, column \d+: more than 5000 values$/),
    ]);
  });
});

describe("template file limits: costly syntax", () => {
  it("more than 5000 lines (blank or comments too) are refused at the line past it", () => {
    expect(refusal("\n".repeat(60_000))).toEqual(["line 5001, column 1: more than 5000 lines"]);
    expect(refusal("# note\n".repeat(5_000))).toEqual([
      "line 5001, column 1: more than 5000 lines",
    ]);
  });

  it("more than 100 tags or anchors are refused at the 101st", () => {
    expect(refusal("- !!str x\n".repeat(1_000))).toEqual([
      "line 101, column 3: more than 100 tags",
    ]);
    const anchors = Array.from({ length: 1_000 }, (_, i) => `- &a${i} x`).join("\n");
    expect(refusal(anchors)).toEqual(["line 101, column 3: more than 100 anchors"]);
  });

  it("a list or map as a key is refused (it would be turned into text)", () => {
    expect(refusal("? [a, b]\n: 1\n")).toEqual([
      "line 1, column 3: map keys must be plain values, not lists, maps or aliases",
    ]);
    expect(refusal("{[a]: 1}")).toEqual([
      "line 1, column 2: map keys must be plain values, not lists, maps or aliases",
    ]);
  });
});

describe("template file limits: the largest accepted files", () => {
  it("the largest map the limits accept parses without a hang", () => {
    // Two values per key, plus the map itself.
    const keys = (MAX_TEMPLATE_NODES - 1) / 2;
    const text = Array.from({ length: Math.floor(keys) }, (_, i) => `k${i}: 1`).join("\n");
    const { result, ms } = timedParse(text);
    expect(ms, "parse time (ms)").toBeLessThan(HOSTILE_BOUND_MS);
    // Accepted by the limits, refused by the template schema (no key, no title, …).
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join("\n")).not.toMatch(/unique|nested|values|KB/);
    const over = `${text}\nmore: 1`;
    expect(refusal(over)).toEqual([
      expect.stringMatching(/^line \d+, column \d+: more than 5000 values/),
    ]);
  });

  it("a file full of duplicate keys reports the first 20 with their line, then a count", () => {
    const text = Array.from({ length: 2_000 }, () => "k: 1").join("\n");
    const errors = refusal(text);
    expect(errors).toHaveLength(21);
    expect(errors[0]).toBe("line 2, column 1: Map keys must be unique");
    expect(errors[19]).toBe("line 21, column 1: Map keys must be unique");
    expect(errors[20]).toBe(`(file): ${1_999 - 20} more duplicate keys`);
  });

  it("quoted values count too (JSON)", () => {
    const text = JSON.stringify(Array.from({ length: MAX_TEMPLATE_NODES }, (_, i) => `v${i}`));
    expect(text.length).toBeLessThan(MAX_TEMPLATE_BYTES);
    expect(refusal(text)).toEqual([
      expect.stringMatching(/^line 1, column \d+: more than 5000 values/),
    ]);
  });
});

describe("template file limits: at the limit", () => {
  // Refused by the template schema (a list is not a template), not by the limits.
  const schemaOnly = ["(root): Invalid input: expected object, received array"];

  it(`${MAX_TEMPLATE_DEPTH} levels are accepted, one more is refused (JSON and YAML)`, () => {
    expect(refusal(nestedFlow(MAX_TEMPLATE_DEPTH))).toEqual(schemaOnly);
    expect(refusal(nestedFlow(MAX_TEMPLATE_DEPTH + 1))).toEqual([
      "line 1, column 65: nested more than 64 levels deep",
    ]);
    expect(refusal(nestedDashes(MAX_TEMPLATE_DEPTH))).toEqual(schemaOnly);
    expect(refusal(nestedDashes(MAX_TEMPLATE_DEPTH + 1))).toEqual([
      expect.stringMatching(deepTooDeep),
    ]);
    expect(refusal(nestedMaps(MAX_TEMPLATE_DEPTH)).join("\n")).not.toMatch(/nested/);
    expect(refusal(nestedMaps(MAX_TEMPLATE_DEPTH + 1))).toEqual([
      expect.stringMatching(/^line 65, column \d+: nested more than 64 levels deep$/),
    ]);
  });

  it("100 aliases are accepted", () => {
    const text = ["base: &x 1", ...Array.from({ length: 100 }, (_, i) => `k${i}: *x`)].join("\n");
    expect(refusal(text).join("\n")).not.toMatch(/alias/);
  });

  it("duplicate keys are found in JSON and in nested maps, with their position", () => {
    expect(refusal('{"a": 1, "a": 2}')).toEqual(["line 1, column 10: Map keys must be unique"]);
    expect(refusal("a:\n  b: 1\n  c: 2\n  b: 3\nb: 4\n")).toEqual([
      "line 4, column 3: Map keys must be unique",
    ]);
  });

  it("a file over the size limit is refused by its size in bytes, not characters", () => {
    // 2-byte characters: under the limit in characters, over it in UTF-8 bytes.
    const text = `key: "${"é".repeat(MAX_TEMPLATE_BYTES / 2)}"`;
    expect(text.length).toBeLessThan(MAX_TEMPLATE_BYTES);
    expect(refusal(text)).toEqual(["(file): larger than 64 KB"]);
  });
});

describe("template file limits: valid templates parse as before", () => {
  const yaml = readFileSync(DEFAULT_TEMPLATE_FILE, "utf8");

  it("the default template (YAML, with anchors) gives the same definition", () => {
    const result = parseTemplateFile(yaml);
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result.definition).toEqual(referenceParse(yaml));
  });

  it("the default template written as JSON gives the same definition", () => {
    const json = JSON.stringify(parseDocument(yaml).toJS(), null, 2);
    const result = parseTemplateFile(json);
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result.definition).toEqual(referenceParse(json));
    expect(result.definition).toEqual(referenceParse(yaml));
  });
});
