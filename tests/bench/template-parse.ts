// npx tsx tests/bench/template-parse.ts — how long one template import blocks the event loop
// (the parse is synchronous), for the largest files the limits accept and for hostile ones.
// Figures go in docs/reliability.md ("Parser limits"). Reports only; no thresholds.
import { readFileSync } from "node:fs";
import os from "node:os";
import { parseTemplateFile } from "../../app/modules/questionnaires/template-file.server";
import {
  MAX_TEMPLATE_BYTES,
  MAX_TEMPLATE_NODES,
} from "../../app/modules/questionnaires/template-file-limits.server";

const RUNS = Number(process.env.BENCH_N) || 20;

/**
 * Repeats `line(i)` (which holds `values` values) until the next line would pass the size or
 * the value limit: the largest file of that shape the limits accept.
 */
function fill(values: number, line: (i: number) => string) {
  const lines: string[] = [];
  let size = 0;
  // The root collection is one value too.
  for (let i = 0, count = 1; count + values <= MAX_TEMPLATE_NODES; i++, count += values) {
    const next = line(i);
    if (size + Buffer.byteLength(next) + 1 > MAX_TEMPLATE_BYTES) break;
    lines.push(next);
    size += Buffer.byteLength(next) + 1;
  }
  return lines.join("\n");
}

const template = readFileSync("prisma/seed/templates/pgsp-annual-return.yaml", "utf8");
const names = "abcdefghij";
const laughs = [`a: &a [${Array(9).fill('"lol"').join(", ")}]`];
for (let i = 1; i < names.length; i++) {
  laughs.push(
    `${names[i]}: &${names[i]} [${Array(9)
      .fill(`*${names[i - 1]}`)
      .join(", ")}]`,
  );
}

const inputs: [string, string][] = [
  ["default template (8 KB)", template],
  ["largest: one map, short keys", fill(2, (i) => `k${i}: 1`)],
  ["largest: list of small maps", fill(5, (i) => `- id: q${i}\n  n: ${i}`)],
  ["largest: flow maps (JSON-like)", fill(5, (i) => `- {"id": "q${i}", "n": ${i}}`)],
  ["largest: bilingual labels", fill(6, (i) => `k${i}: {fr: "Question ${i}", nl: "Vraag ${i}"}`)],
  ["largest: a value per line", fill(1, (i) => `- v${i}`)],
  ["refused: list keys", "? [a]\n: 1\n".repeat(1_600)],
  ["largest: long text", `key: |\n${fill(0, () => `  ${"lorem ipsum ".repeat(6)}`)}`],
  ["refused: duplicate keys", Array.from({ length: 2_000 }, () => "k: 1").join("\n")],
  ["refused: 64 KB of values", "[" + "1,".repeat(30_000) + "1]"],
  ["hostile: [ x 10 000", "[".repeat(10_000)],
  ['hostile: {"a": x 10 000', '{"a":'.repeat(10_000)],
  ["hostile: - x 10 000", "- ".repeat(10_000) + "x"],
  ["hostile: billion laughs", laughs.join("\n")],
  ["hostile: 60 000 keys", Array.from({ length: 60_000 }, (_, i) => `k${i}: 1`).join("\n")],
];

const rows: string[][] = [];
for (const [name, text] of inputs) {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let outcome = "";
  for (let run = 0; run < RUNS + 2; run++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = parseTemplateFile(text);
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpu);
    // Two warm-up runs. CPU time is what the parse costs on an idle core; wall time on a busy
    // machine adds the waits for a core (and garbage collection on other threads).
    if (run >= 2) {
      times.push(elapsed);
      cpuTimes.push((used.user + used.system) / 1000);
    }
    outcome = result.ok ? "accepted" : (result.errors[0] ?? "").slice(0, 48);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1]!;
  rows.push([
    name,
    `${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`,
    `${median(times).toFixed(1)} ms`,
    `${Math.max(...times).toFixed(1)} ms`,
    `${median(cpuTimes).toFixed(1)} ms`,
    outcome,
  ]);
}

console.log(
  `node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} x${os.cpus().length}, ` +
    `load ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")}, ${RUNS} runs each`,
);
console.log(
  "| input | size | wall median | wall max | CPU median | outcome |\n|---|---|---|---|---|---|",
);
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
