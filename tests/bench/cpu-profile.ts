// Where the server's CPU time goes under load: reads the V8 profile written by
// `node --cpu-prof` (BENCH_CPU_PROF=1) and sums self and total time by function and by package.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface CpuSummary {
  file: string;
  totalMs: number;
  /** Time by package (node_modules name), "app" (the server build), "node" or a V8 marker. */
  byArea: { name: string; ms: number; share: number }[];
  /** Own time of each function. */
  bySelf: { name: string; ms: number; share: number }[];
  /** Time in each function and what it called (recursion counted once). */
  byTotal: { name: string; ms: number; share: number }[];
}

function areaOf(url: string, functionName: string) {
  if (!url) return `(${functionName || "native"})`.replace(/^\(\((.*)\)\)$/, "($1)");
  if (url.startsWith("node:")) return "node";
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "/node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.includes("/build/server/")) return "app";
  return path.basename(url);
}

function labelOf(node: ProfileNode) {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${areaOf(url, functionName)}:${lineNumber + 1}` : "";
  return `${functionName || "(anonymous)"}${where ? ` ${where}` : ""}`;
}

export function summariseProfile(file: string, top = 25): CpuSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node.id);

  const add = (map: Map<string, number>, key: string, us: number) =>
    map.set(key, (map.get(key) ?? 0) + us);
  const area = new Map<string, number>();
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    totalUs += us;
    add(area, areaOf(node.callFrame.url, node.callFrame.functionName), us);
    add(self, labelOf(node), us);
    // Every distinct function on the stack gets this sample once.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const label = labelOf(byId.get(at)!);
      if (!seen.has(label)) {
        seen.add(label);
        add(total, label, us);
      }
    }
  }
  const ranked = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / totalUs }));
  return {
    file,
    totalMs: totalUs / 1000,
    byArea: ranked(area),
    bySelf: ranked(self),
    byTotal: ranked(total).filter((entry) => !entry.name.startsWith("(root)")),
  };
}

/** The newest profile in `dir` (node names them by start time and pid). */
export function newestProfile(dir: string) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .sort();
  const last = files[files.length - 1];
  return last ? path.join(dir, last) : null;
}

export function formatProfile(summary: CpuSummary) {
  const line = (e: { name: string; ms: number; share: number }) =>
    `${(100 * e.share).toFixed(1).padStart(5)} %  ${e.ms.toFixed(0).padStart(7)} ms  ${e.name}`;
  return [
    `CPU profile ${summary.file} (${summary.totalMs.toFixed(0)} ms sampled)`,
    "\nBy package:",
    ...summary.byArea.map(line),
    "\nSelf time:",
    ...summary.bySelf.map(line),
    "\nTotal time (the function and what it called):",
    ...summary.byTotal.map(line),
  ].join("\n");
}

// `tsx tests/bench/cpu-profile.ts <file or folder>`: prints the summary of a profile.
if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const target = process.argv[2] ?? "test-results/cpu-prof";
  const file = target.endsWith(".cpuprofile") ? target : newestProfile(target);
  if (!file) throw new Error(`No .cpuprofile in ${target}.`);
  console.log(formatProfile(summariseProfile(file, Number(process.argv[3] ?? 40))));
}
