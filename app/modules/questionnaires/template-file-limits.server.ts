// Resource limits for template files. The yaml library's parser slows down sharply on deep
// nesting (10 000 "[" took the process down) and its duplicate-key check is quadratic (a
// 60 000-key map blocked the event loop for 99 s), so every limit here is checked in linear
// time, first on the raw tokens (before any tree is built), then on the document itself.
import { isAlias, isMap, isNode, isScalar, isSeq, Lexer, type Document, type Node } from "yaml";

/**
 * A template file is at most 64 KB: the default template is 8 KB. With the value limit below,
 * the largest accepted file blocks the server for well under 100 ms (docs/reliability.md).
 */
export const MAX_TEMPLATE_BYTES = 64 * 1024;
/** Nesting of maps and lists; the default template uses 7 levels. */
export const MAX_TEMPLATE_DEPTH = 64;
/**
 * Values (scalars, maps, lists) once aliases are expanded: the default template has 630, and
 * parse time grows with the count (5 000 cost about 60 ms), so it is what bounds the time.
 */
export const MAX_TEMPLATE_NODES = 5_000;
/** Alias nodes (`*name`); more is refused before expansion, so no "billion laughs". */
export const MAX_TEMPLATE_ALIASES = 100;
/**
 * Anchors (`&name`) and tags (`!!str`) each cost the parser far more than a plain value, and
 * a template needs few of either (the default one: one anchor, no tags).
 */
export const MAX_TEMPLATE_ANCHORS = 100;
export const MAX_TEMPLATE_TAGS = 100;
/** Lines, blank or comment ones included: the parser spends time on each (default: 214). */
export const MAX_TEMPLATE_LINES = 5_000;

const MAX_REPORTED_DUPLICATES = 20;
// The token scan may overcount by one level; it must never refuse what the exact check accepts.
const SCAN_MAX_DEPTH = MAX_TEMPLATE_DEPTH + 1;

/** A limit refusal: where it was hit (byte offset) and what was exceeded. */
export interface LimitProblem {
  offset: number | null;
  message: string;
}

// Zero-width markers the lexer adds before documents, scalars and broken flow collections.
const LEXER_MARKERS = new Set(["\u0002", "\u0018", "\u001f"]);

/**
 * A linear pass over the lexer's tokens, before the parser builds anything: refuses nesting
 * beyond the depth limit and files with more values than the node limit, at the first token
 * past either. Flow depth ([ and {) is exact, because the lexer already knows what is quoted;
 * block depth is counted from indentation columns, which can undercount by up to half (a list
 * may sit at its key's own indentation) or overcount by one (a scalar after "- "): this only
 * has to keep the parser away from pathological input, and the exact check on the document
 * (checkTemplateDocument) decides at the limit itself.
 */
export function scanTemplateTokens(text: string): LimitProblem | null {
  let lines = 1;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) {
    if (++lines > MAX_TEMPLATE_LINES) {
      return { offset: at + 1, message: `more than ${MAX_TEMPLATE_LINES} lines` };
    }
  }
  const lexer = new Lexer();
  // Alias, anchor and tag tokens, each with its limit.
  const special = { "*": 0, "&": 0, "!": 0 };
  const specialLimits = {
    "*": [MAX_TEMPLATE_ALIASES, "aliases"],
    "&": [MAX_TEMPLATE_ANCHORS, "anchors"],
    "!": [MAX_TEMPLATE_TAGS, "tags"],
  } as const;
  // Indentation columns of the open block collections, innermost last.
  const blockColumns: number[] = [];
  let flowDepth = 0;
  let values = 0;
  let offset = 0;
  let column = 0;
  let lineStart = true;
  let lineHasContent = false;

  const tooDeep = (at: number): LimitProblem => ({
    offset: at,
    message: `nested more than ${MAX_TEMPLATE_DEPTH} levels deep`,
  });
  const closeBlocks = () => {
    while (blockColumns.length > 0 && blockColumns[blockColumns.length - 1]! >= column) {
      blockColumns.pop();
    }
  };
  const openBlock = (at: number) => {
    closeBlocks();
    blockColumns.push(column);
    return blockColumns.length + flowDepth > SCAN_MAX_DEPTH ? tooDeep(at) : null;
  };

  for (const token of lexer.lex(text)) {
    if (LEXER_MARKERS.has(token)) {
      // Plain and block scalars are announced by a marker; quoted ones are counted below.
      if (token === "\u001f" && ++values > MAX_TEMPLATE_NODES) {
        return { offset, message: `more than ${MAX_TEMPLATE_NODES} values` };
      }
      continue;
    }
    if ((token[0] === '"' || token[0] === "'") && ++values > MAX_TEMPLATE_NODES) {
      return { offset, message: `more than ${MAX_TEMPLATE_NODES} values` };
    }
    if (token[0] === "*" || token[0] === "&" || token[0] === "!") {
      const [limit, what] = specialLimits[token[0]];
      if (++special[token[0]] > limit) return { offset, message: `more than ${limit} ${what}` };
    }
    const start = offset;
    offset += token.length;
    if (token === "\n" || token === "\r\n") {
      column = 0;
      lineStart = true;
      lineHasContent = false;
      continue;
    }
    if (/^[ \t]+$/.test(token)) {
      column += token.length;
      continue;
    }
    if (token[0] === "#") {
      column += token.length;
      continue;
    }
    if (flowDepth === 0) {
      // The first thing on a line, each "-" or "?" indicator, and the content after them each
      // open a block level at their column (when deeper than the innermost one).
      const indicator = token === "-" || token === "?";
      if (!lineHasContent || indicator) {
        if (lineStart && token[0] === " ") {
          // A block scalar's lines arrive as one token that starts with their indentation.
          column += token.length - token.trimStart().length;
        }
        const top = blockColumns[blockColumns.length - 1];
        if (token === "[" || token === "{") {
          // A flow collection is counted below, but still closes the deeper block levels.
          if (lineStart) closeBlocks();
        } else if (lineStart || top === undefined || column > top) {
          const problem = openBlock(start);
          if (problem) return problem;
        }
        lineHasContent = !indicator;
      }
    }
    lineStart = false;
    if (token === "[" || token === "{") {
      flowDepth++;
      if (++values > MAX_TEMPLATE_NODES) {
        return { offset: start, message: `more than ${MAX_TEMPLATE_NODES} values` };
      }
      if (blockColumns.length + flowDepth > SCAN_MAX_DEPTH) return tooDeep(start);
    } else if ((token === "]" || token === "}") && flowDepth > 0) {
      flowDepth--;
    }
    const newline = token.lastIndexOf("\n");
    column = newline === -1 ? column + token.length : token.length - newline - 1;
    if (newline !== -1 && newline === token.length - 1) {
      // A block scalar ends with its line break: the next token starts a line.
      lineStart = true;
      lineHasContent = false;
    }
  }
  return null;
}

class LimitExceeded extends Error {
  constructor(readonly problem: LimitProblem) {
    super(problem.message);
  }
}

/**
 * The exact checks on the parsed document, in one pass: nesting depth, values (aliases
 * counted as the size of what they repeat), alias count, and duplicate keys (what the yaml
 * library's own quadratic `uniqueKeys` check did, with a Set per map instead). Returns the
 * problems in document order; after a size limit it stops, duplicate keys are all reported.
 */
export function checkTemplateDocument(document: Document.Parsed): LimitProblem[] {
  const problems: LimitProblem[] = [];
  // Expanded size of every node that has an anchor, for the aliases that repeat it.
  const anchoredSizes = new Map<Node, number>();
  let values = 0;
  let aliases = 0;
  let duplicates = 0;

  const count = (node: Node, size: number) => {
    values += size;
    if (values > MAX_TEMPLATE_NODES) {
      throw new LimitExceeded({
        offset: node.range?.[0] ?? null,
        message: `more than ${MAX_TEMPLATE_NODES} values (aliases count as what they repeat)`,
      });
    }
  };

  // Recursion is bounded: it never goes past MAX_TEMPLATE_DEPTH + 1.
  const walk = (node: unknown, depth: number): number => {
    if (isAlias(node)) {
      if (++aliases > MAX_TEMPLATE_ALIASES) {
        throw new LimitExceeded({
          offset: node.range?.[0] ?? null,
          message: `more than ${MAX_TEMPLATE_ALIASES} aliases`,
        });
      }
      const target = node.resolve(document);
      const size = target ? anchoredSizes.get(target) : undefined;
      if (size === undefined) {
        // Unknown anchors are already a syntax error; this is an alias inside its own anchor.
        throw new LimitExceeded({
          offset: node.range?.[0] ?? null,
          message: "an alias may not repeat a node that contains it",
        });
      }
      count(node, size);
      return size;
    }
    if (isScalar(node)) {
      count(node, 1);
      if (node.anchor) anchoredSizes.set(node, 1);
      return 1;
    }
    if (!isMap(node) && !isSeq(node)) return 0;
    if (depth > MAX_TEMPLATE_DEPTH) {
      throw new LimitExceeded({
        offset: node.range?.[0] ?? null,
        message: `nested more than ${MAX_TEMPLATE_DEPTH} levels deep`,
      });
    }
    count(node, 1);
    let size = 1;
    if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isNode(key) && !isScalar(key)) {
          // toJS would turn a list or map key into its text (and warn in the logs with it).
          throw new LimitExceeded({
            offset: key.range?.[0] ?? null,
            message: "map keys must be plain values, not lists, maps or aliases",
          });
        }
        if (isScalar(key)) {
          // The first few are enough to fix a file; thousands would bury the page.
          if (keys.has(key.value) && ++duplicates <= MAX_REPORTED_DUPLICATES) {
            problems.push({ offset: key.range?.[0] ?? null, message: "Map keys must be unique" });
          }
          keys.add(key.value);
        }
        size += walk(key, depth + 1) + walk(pair.value, depth + 1);
      }
    } else {
      for (const item of node.items) size += walk(item, depth + 1);
    }
    if (node.anchor) anchoredSizes.set(node, size);
    return size;
  };

  try {
    walk(document.contents, 1);
  } catch (error) {
    if (!(error instanceof LimitExceeded)) throw error;
    problems.push(error.problem);
  }
  if (duplicates > MAX_REPORTED_DUPLICATES) {
    problems.push({
      offset: null,
      message: `${duplicates - MAX_REPORTED_DUPLICATES} more duplicate keys`,
    });
  }
  return problems;
}
