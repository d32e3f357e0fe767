import { parseDocument } from "yaml";
import { formatDefinitionIssues, templateDefinition, type TemplateDefinition } from "./definition";

export type TemplateFileResult =
  { ok: true; definition: TemplateDefinition } | { ok: false; errors: string[] };

/**
 * Reads a questionnaire template from a JSON or YAML file (JSON is valid YAML). Errors are
 * precise: syntax errors with their line and column, then every definition problem with its
 * path (e.g. "sections.1.questions.3.kind: ...").
 */
export function parseTemplateFile(text: string): TemplateFileResult {
  if (text.length > 1_000_000) return { ok: false, errors: ["(file): larger than 1 MB"] };
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map((error) => {
        const position = error.linePos?.[0];
        const where = position ? `line ${position.line}, column ${position.col}` : "(file)";
        const message = (error.message.split("\n")[0] ?? "").replace(
          / at line \d+, column \d+:?$/,
          "",
        );
        return `${where}: ${message}`;
      }),
    };
  }
  const parsed = templateDefinition.safeParse(document.toJS({ maxAliasCount: 100 }));
  if (!parsed.success) return { ok: false, errors: formatDefinitionIssues(parsed.error) };
  return { ok: true, definition: parsed.data };
}
