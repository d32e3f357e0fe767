/** react-hook-form's nested errors → { "figures.0.value": "errors.number" }. */
export function flattenErrors(errors: object, prefix: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== "object") continue;
    const path = [...prefix, key];
    if (typeof (value as { message?: unknown }).message === "string")
      out[path.join(".")] = (value as { message: string }).message;
    else Object.assign(out, flattenErrors(value, path));
  }
  return out;
}
