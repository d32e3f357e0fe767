// What changed in a return between two of its submissions, section by section and question by
// question, for the reviewer of a resubmission: texts word by word, figures old → new per row
// label, files added and removed, sections added and removed. Pure: it compares two snapshots
// (returns/snapshot.server.ts) against the template's questions.
import type { CheckedAnswers, CheckedValue, FigureRow } from "~/modules/questionnaires/answers";
import type { Question, SimpleQuestion } from "~/modules/questionnaires/definition";

/** A section as a submission froze it: what the comparison reads of it. */
export interface SnapshotSection {
  sectionId: string;
  templateSection: string;
  answers: CheckedAnswers;
  attachments: readonly { id: string; fileName: string }[];
}

export interface TextPart {
  op: "same" | "added" | "removed";
  text: string;
}

export interface FigureChange {
  label: string;
  unit: string;
  /** null: the row was not there before. */
  before: number | null;
  /** null: the row is gone. */
  after: number | null;
  /** The unit before, when it changed. */
  unitBefore?: string;
}

export interface FileRef {
  id: string;
  fileName: string;
}

export type QuestionChange =
  | { kind: "text"; questionId: string; parts: TextPart[] }
  | { kind: "figures"; questionId: string; rows: FigureChange[] }
  | { kind: "files"; questionId: string; added: FileRef[]; removed: FileRef[] }
  /** A number, date, choice, yes/no or measure: shown old → new. */
  | { kind: "value"; questionId: string; before: CheckedValue; after: CheckedValue }
  | { kind: "group"; questionId: string; items: GroupItemChange[] };

export interface GroupItemChange {
  /** The item's position, from 0, in the later submission (or the earlier one when removed). */
  index: number;
  status: "added" | "removed" | "changed";
  changes: QuestionChange[];
}

export type SectionChange =
  | { sectionId: string; status: "unchanged" | "added" | "removed"; changes: [] }
  | { sectionId: string; status: "changed"; changes: QuestionChange[] };

/**
 * Each section of either submission, in the later one's order (removed sections after): what
 * changed in it from `before` to `after`. `questionsOf` gives a template section's questions.
 */
export function diffSubmissions(
  before: readonly SnapshotSection[],
  after: readonly SnapshotSection[],
  questionsOf: (templateSection: string) => readonly Question[],
): SectionChange[] {
  const earlier = new Map(before.map((s) => [s.sectionId, s]));
  const later = new Set(after.map((s) => s.sectionId));
  const result: SectionChange[] = after.map((section) => {
    const previous = earlier.get(section.sectionId);
    if (!previous) return { sectionId: section.sectionId, status: "added", changes: [] };
    const changes = diffSection(previous, section, questionsOf(section.templateSection));
    return changes.length === 0
      ? { sectionId: section.sectionId, status: "unchanged", changes: [] }
      : { sectionId: section.sectionId, status: "changed", changes };
  });
  for (const section of before)
    if (!later.has(section.sectionId))
      result.push({ sectionId: section.sectionId, status: "removed", changes: [] });
  return result;
}

/** What changed in one section, question by question, in the template's order. */
export function diffSection(
  before: Pick<SnapshotSection, "answers" | "attachments">,
  after: Pick<SnapshotSection, "answers" | "attachments">,
  questions: readonly Question[],
): QuestionChange[] {
  const files = new Map<string, FileRef>();
  for (const file of [...before.attachments, ...after.attachments])
    files.set(file.id, { id: file.id, fileName: file.fileName });
  return diffAnswers(before.answers, after.answers, questions, files);
}

function diffAnswers(
  before: CheckedAnswers,
  after: CheckedAnswers,
  questions: readonly Question[],
  files: ReadonlyMap<string, FileRef>,
): QuestionChange[] {
  const changes: QuestionChange[] = [];
  for (const q of questions) {
    const a = before[q.id];
    const b = after[q.id];
    if (isBlank(a) && isBlank(b)) continue;
    if (sameValue(a, b)) continue;
    const change =
      q.kind === "repeatableGroup" ? diffGroup(q, a, b, files) : diffSimple(q, a, b, files);
    if (change) changes.push(change);
  }
  return changes;
}

function diffSimple(
  q: SimpleQuestion,
  before: CheckedValue | undefined,
  after: CheckedValue | undefined,
  files: ReadonlyMap<string, FileRef>,
): QuestionChange | null {
  switch (q.kind) {
    case "shortText":
    case "longText":
      return { kind: "text", questionId: q.id, parts: diffWords(asText(before), asText(after)) };
    case "figuresTable": {
      const rows = diffFigures(asFigures(before), asFigures(after));
      return rows.length === 0 ? null : { kind: "figures", questionId: q.id, rows };
    }
    case "attachments": {
      const was = new Set(asList(before));
      const now = new Set(asList(after));
      const ref = (id: string) => files.get(id) ?? { id, fileName: id };
      const added = [...now].filter((id) => !was.has(id)).map(ref);
      const removed = [...was].filter((id) => !now.has(id)).map(ref);
      return added.length + removed.length === 0
        ? null
        : { kind: "files", questionId: q.id, added, removed };
    }
    default:
      return { kind: "value", questionId: q.id, before: before ?? null, after: after ?? null };
  }
}

function diffGroup(
  q: Extract<Question, { kind: "repeatableGroup" }>,
  before: CheckedValue | undefined,
  after: CheckedValue | undefined,
  files: ReadonlyMap<string, FileRef>,
): QuestionChange | null {
  const was = asItems(before);
  const now = asItems(after);
  const items: GroupItemChange[] = [];
  for (let index = 0; index < Math.max(was.length, now.length); index++) {
    const a = was[index];
    const b = now[index];
    if (!a) items.push({ index, status: "added", changes: [] });
    else if (!b) items.push({ index, status: "removed", changes: [] });
    else {
      const changes = diffAnswers(a, b, q.questions, files);
      if (changes.length > 0) items.push({ index, status: "changed", changes });
    }
  }
  return items.length === 0 ? null : { kind: "group", questionId: q.id, items };
}

// ---------------------------------------------------------------------------------------
// Figures

/**
 * Rows matched by label (trimmed, case and accents kept: "Jeunes" and "jeunes" are one row
 * only if typed the same); a label given twice is matched in order of appearance.
 */
export function diffFigures(before: readonly FigureRow[], after: readonly FigureRow[]) {
  const keyed = (rows: readonly FigureRow[]) => {
    const seen = new Map<string, number>();
    return rows.map((row) => {
      const label = row.label.trim();
      const n = seen.get(label) ?? 0;
      seen.set(label, n + 1);
      return { key: `${label}\u0000${n}`, row };
    });
  };
  const was = keyed(before);
  const now = keyed(after);
  const earlier = new Map(was.map((r) => [r.key, r.row]));
  const later = new Set(now.map((r) => r.key));
  const changes: FigureChange[] = [];
  for (const { key, row } of now) {
    const old = earlier.get(key);
    if (!old) changes.push({ label: row.label, unit: row.unit, before: null, after: row.value });
    else if (old.value !== row.value || old.unit !== row.unit)
      changes.push({
        label: row.label,
        unit: row.unit,
        before: old.value,
        after: row.value,
        ...(old.unit !== row.unit ? { unitBefore: old.unit } : {}),
      });
  }
  for (const { key, row } of was)
    if (!later.has(key))
      changes.push({ label: row.label, unit: row.unit, before: row.value, after: null });
  return changes;
}

// ---------------------------------------------------------------------------------------
// Texts, word by word

/**
 * Above this many cells (words before × words after, once the common start and end are set
 * aside) the middle is shown as replaced whole: filling the table would hold the server too
 * long (about 60 ms here). Long answers default to 5,000 characters, some 800 words: two such
 * texts rewritten throughout stay below it.
 */
const MAX_CELLS = 1_500_000;

interface Word {
  /** The word as compared: spaces do not count. */
  key: string;
  /** The word with the spaces after it, as written. */
  text: string;
}

/** Each word with the spaces after it (spaces before the first word are a token of their own). */
function words(text: string): Word[] {
  return (text.match(/\s+|\S+\s*/g) ?? []).map((t) => ({ key: t.trimEnd(), text: t }));
}

/**
 * `before` turned into `after`: runs of words kept, removed and added (the longest common
 * subsequence of words; a change of spaces alone is none). The "same" and "added" parts joined
 * give `after` exactly, with its line breaks; the "same" and "removed" parts give `before` but
 * for its spaces.
 */
export function diffWords(before: string, after: string): TextPart[] {
  const a = words(before);
  const b = words(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start]!.key === b[start]!.key) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1]!.key === b[endB - 1]!.key) {
    endA--;
    endB--;
  }
  const parts: TextPart[] = [];
  const push = (op: TextPart["op"], text: string) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last?.op === op) last.text += text;
    else parts.push({ op, text });
  };
  for (const w of b.slice(0, start)) push("same", w.text);
  for (const part of diffMiddle(a.slice(start, endA), b.slice(start, endB)))
    push(part.op, part.text);
  for (const w of b.slice(endB)) push("same", w.text);
  return tidy(parts);
}

function diffMiddle(a: readonly Word[], b: readonly Word[]): TextPart[] {
  if (a.length === 0 || b.length === 0 || (a.length + 1) * (b.length + 1) > MAX_CELLS)
    return [
      { op: "removed", text: a.map((w) => w.text).join("") },
      { op: "added", text: b.map((w) => w.text).join("") },
    ];
  // Words as numbers: the table below compares them millions of times.
  const ids = new Map<string, number>();
  const idOf = (w: Word) => {
    let id = ids.get(w.key);
    if (id === undefined) ids.set(w.key, (id = ids.size));
    return id;
  };
  const x = Int32Array.from(a, idOf);
  const y = Int32Array.from(b, idOf);
  // lengths[i * width + j]: the longest common subsequence of a[i..] and b[j..].
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    const row = i * width;
    const below = row + width;
    const xi = x[i];
    for (let j = b.length - 1; j >= 0; j--)
      lengths[row + j] =
        xi === y[j]
          ? lengths[below + j + 1]! + 1
          : Math.max(lengths[below + j]!, lengths[row + j + 1]!);
  }
  const parts: TextPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]!.key === b[j]!.key) {
      parts.push({ op: "same", text: b[j]!.text });
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!)
      parts.push({ op: "removed", text: a[i++]!.text });
    else parts.push({ op: "added", text: b[j++]!.text });
  }
  while (i < a.length) parts.push({ op: "removed", text: a[i++]!.text });
  while (j < b.length) parts.push({ op: "added", text: b[j++]!.text });
  return parts;
}

/**
 * Each run of changes as one removal then one addition, the spaces after them outside the
 * marks ("[-40-][+55+] jeunes", not "[-40 -][+55 +]jeunes").
 */
function tidy(parts: readonly TextPart[]): TextPart[] {
  const out: TextPart[] = [];
  let removed = "";
  let added = "";
  const flush = () => {
    if (added) {
      // The spaces after the new words are the new text's: they go after the marks.
      const space = /\s*$/.exec(added)![0];
      if (removed) out.push({ op: "removed", text: removed.trimEnd() });
      out.push({ op: "added", text: added.slice(0, added.length - space.length) });
      if (space) out.push({ op: "same", text: space });
    } else if (removed) out.push({ op: "removed", text: removed });
    removed = added = "";
  };
  for (const part of parts) {
    if (part.op === "removed") removed += part.text;
    else if (part.op === "added") added += part.text;
    else {
      flush();
      const last = out.at(-1);
      if (last?.op === "same") last.text += part.text;
      else out.push({ ...part });
    }
  }
  flush();
  return out.filter((p) => p.text.length > 0);
}

// ---------------------------------------------------------------------------------------
// Values

function isBlank(value: CheckedValue | undefined): boolean {
  return (
    value === undefined ||
    value === null ||
    value === "" ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** Deep equality of two checked values (object keys in any order: jsonb reorders them). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isBlank(a as CheckedValue) && isBlank(b as CheckedValue)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameValue(item, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) =>
      sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    );
  }
  return false;
}

function asText(value: CheckedValue | undefined): string {
  return typeof value === "string" ? value : value == null ? "" : String(value);
}

function asList(value: CheckedValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function asFigures(value: CheckedValue | undefined): FigureRow[] {
  return Array.isArray(value)
    ? value.filter(
        (v): v is FigureRow =>
          typeof v === "object" && v !== null && "label" in v && typeof v.value === "number",
      )
    : [];
}

function asItems(value: CheckedValue | undefined): CheckedAnswers[] {
  return Array.isArray(value)
    ? value.filter((v): v is CheckedAnswers => typeof v === "object" && v !== null)
    : [];
}
