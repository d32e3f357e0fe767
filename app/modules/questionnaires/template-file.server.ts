import { LineCounter, parseDocument } from "yaml";
import { formatDefinitionIssues, templateDefinition, type TemplateDefinition } from "./definition";
import {
  checkTemplateDocument,
  MAX_TEMPLATE_BYTES,
  scanTemplateTokens,
  type LimitProblem,
} from "./template-file-limits.server";

export type TemplateFileResult =
  { ok: true; definition: TemplateDefinition } | { ok: false; errors: string[] };

/**
 * Reads a questionnaire template from a JSON or YAML file (JSON is valid YAML). Errors are
 * precise: syntax errors with their line and column, then every definition problem with its
 * path (e.g. "sections.1.questions.3.kind: ..."). Size, nesting, values and aliases are
 * limited before and while parsing (see template-file-limits.server.ts), so no file, however
 * hostile, holds the server for more than about 100 ms.
 */
export function parseTemplateFile(text: string): TemplateFileResult {
  if (Buffer.byteLength(text, "utf8") > MAX_TEMPLATE_BYTES) {
    return { ok: false, errors: [`(file): larger than ${MAX_TEMPLATE_BYTES / 1024} KB`] };
  }
  const lineCounter = new LineCounter();
  const where = (offset: number | null) => {
    if (offset === null) return "(file)";
    const position = lineCounter.linePos(offset);
    return `line ${position.line}, column ${position.col}`;
  };
  const describe = (problems: LimitProblem[]) =>
    problems.map((problem) => `${where(problem.offset)}: ${problem.message}`);

  // LineCounter learns line starts from the lexer: for the scan, count them on the text.
  const scanProblem = scanTemplateTokens(text);
  if (scanProblem) {
    lineCounter.addNewLine(0);
    for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) {
      lineCounter.addNewLine(index + 1);
    }
    return { ok: false, errors: describe([scanProblem]) };
  }

  // Duplicate keys are checked by checkTemplateDocument in linear time, not by the library.
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: false, lineCounter });
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map((error) => {
        const position = error.linePos?.[0];
        const at = position ? `line ${position.line}, column ${position.col}` : "(file)";
        const message = (error.message.split("\n")[0] ?? "").replace(
          / at line \d+, column \d+:?$/,
          "",
        );
        return `${at}: ${message}`;
      }),
    };
  }
  const limitProblems = checkTemplateDocument(document);
  if (limitProblems.length > 0) return { ok: false, errors: describe(limitProblems) };

  // checkTemplateDocument already bounds what aliases expand to (and toJS shares, not copies,
  // what an alias repeats), so the library's own, coarser alias guard is not needed.
  const parsed = templateDefinition.safeParse(document.toJS({ maxAliasCount: -1 }));
  if (!parsed.success) return { ok: false, errors: formatDefinitionIssues(parsed.error) };
  return { ok: true, definition: parsed.data };
}
