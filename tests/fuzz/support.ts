// Shared pieces of the fuzz suite: malformed-body generators (fast-check), the outcome of a
// route function called in-process, a database fingerprint for "refused means unchanged",
// and the counters printed at the end. Used by tests/fuzz/*.test.ts (in-process) and, for the
// body generators, by the HTTP fuzz run (tests/http/fuzz.test.ts).
import fc from "fast-check";

/** One seed for the whole suite (override with FUZZ_SEED to replay or explore). */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_130);

// ---------------------------------------------------------------------------------------------
// Strings and keys a hostile or confused client sends.

const nasty = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0000".repeat(20),
  "\u0001\u0002\u0003\u001b[31m",
  "\r\n\r\nX-Injected: 1",
  "\t",
  "\u202e\u2066",
  "\ufeff",
  "\ud800",
  "\udfff\ud800",
  "%00",
  "%ff%fe",
  "%",
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "{{7*7}}",
  "${jndi:ldap://x}",
  "1e309",
  "-0",
  "NaN",
  "Infinity",
  "-1",
  "0x10",
  "12,5",
  "1 250",
  "9".repeat(400),
  "yes",
  "no",
  "true",
  "null",
  "undefined",
  "[object Object]",
  "__proto__",
  "constructor",
  "2023-02-30",
  "9999-99-99",
  "🙂".repeat(50),
];

/** A value as typed or forged: control characters, lone surrogates, numbers that are not. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...nasty), weight: 4 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 200 }), weight: 2 },
  { arbitrary: fc.string({ maxLength: 3000 }), weight: 1 },
  // The 60 000-character answer the issue mentions.
  {
    arbitrary: fc.constantFrom("x".repeat(60_000), "\u0000".repeat(5_000) + "é".repeat(30_000)),
    weight: 1,
  },
);

/** Keys: known field names, their dotted/array forms, and forged ones. */
export function fieldKey(known: readonly string[]): fc.Arbitrary<string> {
  const base = known.length ? fc.constantFrom(...known) : fc.constant("field");
  return fc.oneof(
    { arbitrary: base, weight: 5 },
    {
      arbitrary: fc
        .tuple(base, fc.oneof(fc.nat({ max: 3 }).map(String), nastyString), fc.string())
        .map(([k, i, leaf]) => `${k}.${i}.${leaf}`),
      weight: 3,
    },
    {
      arbitrary: fc.constantFrom(
        "actions.y",
        "actions.x",
        "x.y",
        "__proto__",
        "__proto__.polluted",
        "constructor.prototype.polluted",
        "a.b.c.d.e.f",
        "figures.0",
        "figures.99999.value",
        "figures.-1.label",
        "figures.0.__proto__",
        "_version",
        "_intent",
        "_file.documents",
        "",
        "\u0000",
        "a[]",
        "a[0][1]",
        ".",
        "..",
      ),
      weight: 3,
    },
    { arbitrary: nastyString, weight: 1 },
  );
}

export type Entry = [key: string, value: string];

export function entries(known: readonly string[], maxLength = 12): fc.Arbitrary<Entry[]> {
  return fc.array(fc.tuple(fieldKey(known), nastyString), { maxLength });
}

// ---------------------------------------------------------------------------------------------
// Bodies: well-formed but hostile, or malformed in framing, encoding or content type.

/** Builds the body at request time; `resolve` swaps placeholders (e.g. the current version). */
export type BodyThunk = (resolve?: (value: string) => string) => Promise<Body>;

const resolved = (list: Entry[], resolve?: (value: string) => string): Entry[] =>
  resolve ? list.map(([k, v]) => [k, resolve(v)]) : list;

export interface Body {
  kind: string;
  contentType: string | null;
  bytes: Uint8Array;
}

const enc = new TextEncoder();

/** A multipart body exactly as a browser would frame it (the runtime's own encoder). */
export async function multipartBytes(form: FormData) {
  const response = new Response(form);
  return {
    contentType: response.headers.get("content-type")!,
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

export interface FileSpec {
  field: string;
  name: string;
  type: string;
  bytes: Uint8Array;
}

const fileNames = fc.oneof(
  fc.constantFrom(
    "../../../../tmp/evil.pdf",
    "..\\..\\evil.pdf",
    "/etc/passwd",
    "rapport.pdf",
    "a\u0000b.pdf",
    "\r\nContent-Type: text/html.pdf",
    "",
    ".",
    "..",
    "x".repeat(1000) + ".pdf",
    "évaluation 2023.docx",
    "template.yaml",
    "template.json",
    "CON.pdf",
    "%2e%2e%2fevil.pdf",
  ),
  fc.string({ unit: "binary", maxLength: 60 }),
);

export function fileSpec(fields: readonly string[]): fc.Arbitrary<FileSpec> {
  return fc.record({
    field: fc.constantFrom(...fields),
    name: fileNames,
    type: fc.constantFrom("application/pdf", "text/html", "application/octet-stream", "", "x/y"),
    bytes: fc.oneof(
      fc.uint8Array({ maxLength: 2048 }),
      fc.constant(enc.encode("%PDF-1.7\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")),
      fc.constant(new Uint8Array(0)),
    ),
  });
}

/** What a form post may look like, given the entries that should be in it. */
export function body(
  fields: fc.Arbitrary<Entry[]>,
  options: { files?: fc.Arbitrary<FileSpec[]>; oversizeBytes?: number } = {},
): fc.Arbitrary<BodyThunk> {
  const files = options.files ?? fc.constant([] as FileSpec[]);
  const oversize = options.oversizeBytes ?? 2 * 1024 * 1024;
  const urlencoded = fields.map(
    (given) =>
      async (resolve?: (value: string) => string): Promise<Body> => {
        const list = resolved(given, resolve);
        const text = new URLSearchParams(list).toString();
        return {
          kind: "urlencoded",
          contentType: "application/x-www-form-urlencoded",
          bytes: enc.encode(text),
        };
      },
  );
  const rawUrlencoded = fc
    .tuple(fields, fc.constantFrom("%FF%FE", "%C3%28", "%ED%A0%80", "%", "%%%", "%0", "%00"))
    .map(([given, junk]) => async (resolve?: (value: string) => string): Promise<Body> => {
      const list = resolved(given, resolve);
      const text = list.map(([k, v]) => `${k}=${v}${junk}`).join("&");
      const bytes = new Uint8Array([...enc.encode(text), 0xff, 0xfe, 0xc3, 0x28, 0x00]);
      return {
        kind: "urlencoded-invalid-utf8",
        contentType: "application/x-www-form-urlencoded",
        bytes,
      };
    });
  const duplicates = fields.map(
    (given) =>
      async (resolve?: (value: string) => string): Promise<Body> => {
        const list = resolved(given, resolve);
        const doubled = list.flatMap((e) => [e, e, [e[0], ""] as Entry]);
        return {
          kind: "duplicate-keys",
          contentType: "application/x-www-form-urlencoded",
          bytes: enc.encode(new URLSearchParams(doubled).toString()),
        };
      },
  );
  const multipart = fc
    .tuple(fields, files)
    .map(([given, fileList]) => async (resolve?: (value: string) => string): Promise<Body> => {
      const list = resolved(given, resolve);
      const form = new FormData();
      for (const [k, v] of list) form.append(k, v);
      for (const f of fileList)
        form.append(f.field, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
      const framed = await multipartBytes(form);
      return { kind: "multipart", ...framed };
    });
  const truncated = fc
    .tuple(fields, files, fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([given, fileList, at]) => async (resolve?: (value: string) => string): Promise<Body> => {
      const list = resolved(given, resolve);
      const form = new FormData();
      for (const [k, v] of list) form.append(k, v);
      for (const f of fileList)
        form.append(f.field, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
      const framed = await multipartBytes(form);
      const cut = Math.floor(framed.bytes.length * at);
      return {
        kind: "multipart-truncated",
        contentType: framed.contentType,
        bytes: framed.bytes.slice(0, cut),
      };
    });
  const wrongBoundary = fields.map(
    (given) =>
      async (resolve?: (value: string) => string): Promise<Body> => {
        const list = resolved(given, resolve);
        const form = new FormData();
        for (const [k, v] of list) form.append(k, v);
        const framed = await multipartBytes(form);
        return {
          kind: "multipart-wrong-boundary",
          contentType: "multipart/form-data; boundary=not-the-one",
          bytes: framed.bytes,
        };
      },
  );
  const handMade = fc
    .constantFrom(
      // No boundary parameter, an empty one, a huge one, headers without a blank line,
      // a part without a name, nested multipart.
      ["multipart/form-data", "--x\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--x--"],
      ["multipart/form-data; boundary=", "--\r\n\r\n--"],
      [`multipart/form-data; boundary=${"b".repeat(5000)}`, `--${"b".repeat(5000)}--`],
      [
        "multipart/form-data; boundary=x",
        "--x\r\nContent-Disposition: form-data; name=a\r\n1--x--",
      ],
      [
        "multipart/form-data; boundary=x",
        "--x\r\nContent-Disposition: form-data\r\n\r\nv\r\n--x--\r\n",
      ],
      [
        "multipart/form-data; boundary=x",
        '--x\r\nContent-Disposition: form-data; name="f"; filename="../../a.pdf"\r\nContent-Type: multipart/mixed; boundary=y\r\n\r\n--y\r\n\r\n--y--\r\n--x--\r\n',
      ],
      ["multipart/form-data; boundary=x", "--x\r\n" + "X: y\r\n".repeat(5000) + "\r\n\r\n--x--"],
      ["multipart/form-data; boundary=x", "garbage without any boundary"],
      ["multipart/form-data; boundary=x", ""],
    )
    .map(([contentType, text]) => async (): Promise<Body> => ({
      kind: "multipart-handmade",
      contentType,
      bytes: enc.encode(text),
    }));
  const wrongType = fc
    .tuple(
      fields,
      fc.constantFrom(
        null,
        "application/json",
        "text/plain",
        "text/xml",
        "application/octet-stream",
        "application/x-www-form-urlencoded; charset=utf-16",
        "application/x-www-form-urlencoded; charset=nonsense",
        "APPLICATION/X-WWW-FORM-URLENCODED",
        "multipart/mixed; boundary=x",
        "multipart/form-data; charset=utf-8",
        "*/*",
        "form",
        "\u0000",
      ),
    )
    .map(([given, contentType]) => async (resolve?: (value: string) => string): Promise<Body> => {
      const list = resolved(given, resolve);
      return {
        kind: `content-type:${contentType ?? "none"}`,
        contentType,
        bytes: enc.encode(
          contentType === "application/json"
            ? JSON.stringify(Object.fromEntries(list))
            : new URLSearchParams(list).toString(),
        ),
      };
    });
  const tooLarge = fc
    .constantFrom("urlencoded", "multipart")
    .map((kind) => async (): Promise<Body> => {
      if (kind === "urlencoded") {
        const bytes = new Uint8Array(oversize + 1024).fill(0x61);
        bytes.set(enc.encode("email="));
        return {
          kind: "oversize-urlencoded",
          contentType: "application/x-www-form-urlencoded",
          bytes,
        };
      }
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(oversize + 1024)]), "big.pdf");
      return { kind: "oversize-multipart", ...(await multipartBytes(form)) };
    });
  return fc.oneof(
    { arbitrary: urlencoded, weight: 6 },
    { arbitrary: multipart, weight: 4 },
    { arbitrary: duplicates, weight: 2 },
    { arbitrary: rawUrlencoded, weight: 2 },
    { arbitrary: truncated, weight: 2 },
    { arbitrary: wrongBoundary, weight: 1 },
    { arbitrary: handMade, weight: 1 },
    { arbitrary: wrongType, weight: 2 },
    { arbitrary: tooLarge, weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------
// Calling a route function in-process and reading what the client would get.

export interface Outcome {
  status: number;
  /** What a thrown non-HTTP error was (a 500 in production). */
  error?: string;
  /** The returned (or thrown) data, when it is a plain object. */
  data?: unknown;
  ms: number;
}

function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { type?: unknown }).type === "DataWithResponseInit"
  );
}

function describe(value: unknown): Omit<Outcome, "ms"> {
  if (value instanceof Response) return { status: value.status };
  if (isDataWithInit(value)) return { status: value.init?.status ?? 200, data: value.data };
  return { status: 200, data: value };
}

/** The status React Router would answer with, or 500 (with the error's name) for a crash. */
export async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome> {
  const started = performance.now();
  try {
    const value = await call();
    return { ...describe(value), ms: performance.now() - started };
  } catch (thrown) {
    const ms = performance.now() - started;
    if (thrown instanceof Response || isDataWithInit(thrown)) return { ...describe(thrown), ms };
    const error = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    return { status: 500, error: error.slice(0, 300), ms };
  }
}

// ---------------------------------------------------------------------------------------------
// Counting and reporting.

export interface Finding {
  target: string;
  kind: string;
  status: number;
  ms: number;
  detail: string;
}

export class Tally {
  readonly perTarget = new Map<string, Map<number, number>>();
  readonly findings: Finding[] = [];
  total = 0;

  record(target: string, kind: string, outcome: { status: number; ms: number }, payload: string) {
    this.total++;
    const histogram = this.perTarget.get(target) ?? new Map<number, number>();
    histogram.set(outcome.status, (histogram.get(outcome.status) ?? 0) + 1);
    this.perTarget.set(target, histogram);
    const detail = (outcome as Outcome).error
      ? `${(outcome as Outcome).error} ← ${payload}`
      : payload;
    if (outcome.status >= 500)
      this.findings.push({ target, kind, status: outcome.status, ms: outcome.ms, detail });
    else if (outcome.ms > 2000)
      this.findings.push({ target, kind, status: -1, ms: outcome.ms, detail: `slow: ${detail}` });
  }

  /** Findings grouped by target, kind and status: the first payload of each group is kept. */
  distinctFindings() {
    const groups = new Map<string, Finding & { count: number }>();
    for (const f of this.findings) {
      const key = `${f.target} ${f.kind} ${f.status} ${f.detail.split(" ← ")[0]!.slice(0, 80)}`;
      const group = groups.get(key);
      if (group) group.count++;
      else groups.set(key, { ...f, count: 1 });
    }
    return [...groups.values()];
  }

  report(title: string, seed: number) {
    const lines = [`${title}: ${this.total} requests, seed ${seed}`];
    for (const [target, histogram] of [...this.perTarget].sort()) {
      const count = [...histogram.values()].reduce((a, b) => a + b, 0);
      const statuses = [...histogram]
        .sort(([a], [b]) => a - b)
        .map(([status, n]) => `${status}×${n}`)
        .join(" ");
      lines.push(`  ${target.padEnd(28)} ${String(count).padStart(5)}  ${statuses}`);
    }
    const distinct = this.distinctFindings();
    if (distinct.length) {
      lines.push(`  findings (${this.findings.length}, ${distinct.length} distinct):`);
      for (const f of distinct)
        lines.push(
          `    [${f.target}] ${f.kind} → ${f.status === -1 ? "slow" : f.status} ${Math.round(f.ms)} ms ×${f.count}: ${f.detail.slice(0, 400)}`,
        );
    }
    return lines.join("\n");
  }
}

/** A short, printable description of a payload (for the findings list). */
export function preview(value: string, max = 160) {
  const escaped = JSON.stringify(value);
  return escaped.length > max ? `${escaped.slice(0, max)}…(${value.length} chars)` : escaped;
}
