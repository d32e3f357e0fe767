import { isRouteErrorResponse } from "react-router";

// Log lines name what failed, never what was sent: an error's message can quote the user's
// text (database errors include the query's values), an email address or a token.

/** The error's class, its code if any, and where it was thrown (stack frames, no message). */
export function describeError(error: unknown): string {
  if (error instanceof Response) return `Response ${error.status}`;
  if (isRouteErrorResponse(error)) return `ErrorResponse ${error.status}`;
  if (!(error instanceof Error)) return `thrown ${typeof error}`;
  const code = (error as { code?: unknown }).code;
  const codeText = typeof code === "string" || typeof code === "number" ? ` ${code}` : "";
  const frames = (error.stack ?? "")
    .split("\n")
    // Frame lines only ("at fn (file:line:col)"), in case a message line looks like one.
    .filter((line) => /^\s+at ([\w.$<> ]+ \(\S+:\d+:\d+\)|\S+:\d+:\d+)$/.test(line))
    .slice(0, 8)
    .join("\n");
  return `${error.name}${codeText}${frames ? `\n${frames}` : ""}`;
}
