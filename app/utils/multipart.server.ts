// Form bodies with a hard size limit, enforced before and while reading, entirely in memory.
// The limit is checked on the declared Content-Length first (no byte read), then on the bytes
// actually received (a missing or lying Content-Length cannot get past it). Parsing happens
// only on a complete, bounded body, so a truncated or garbage multipart body fails fast.
//
// A refused body is never cancelled here: cancelling destroys the connection, and the client,
// still sending, would see a reset instead of our 413. server.js discards the rest of the body
// (up to a bound) once the answer is sent.
import { stripControlCharacters } from "./http.server";

const FORM_TYPES = /^\s*(multipart\/form-data\s*;|application\/x-www-form-urlencoded\b)/i;

/** Limit for forms of a few short fields (login, confirm, submit, new campaign…). */
export const SMALL_FORM_BYTES = 16 * 1024;

function fail(status: 400 | 413): Response {
  return new Response(null, { status });
}

async function readBounded(body: ReadableStream<Uint8Array>, maxBytes: number) {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read();
    } catch {
      // The client went away or the stream broke: the body is incomplete.
      throw fail(400);
    }
    if (result.done) break;
    total += result.value.byteLength;
    if (total > maxBytes) {
      // Stop pulling: the rest of the body is never buffered.
      reader.releaseLock();
      throw fail(413);
    }
    chunks.push(result.value);
  }
  return Buffer.concat(chunks, total);
}

/** Same form, with control characters removed from every field name and text value. */
function withoutControlCharacters(form: FormData): FormData {
  const clean = new FormData();
  for (const [name, value] of form.entries()) {
    const key = stripControlCharacters(name);
    if (typeof value === "string") clean.append(key, stripControlCharacters(value));
    else clean.append(key, value, stripControlCharacters(value.name));
  }
  return clean;
}

/**
 * Reads a request body up to maxBytes while streaming (413 Response thrown beyond it, checked
 * on Content-Length first and again while reading), then parses it as form data (400 Response
 * thrown on a non-form content type or malformed multipart). Control characters are removed
 * from names and values (see stripControlCharacters). No temp files.
 */
export async function readFormData(request: Request, maxBytes: number): Promise<FormData> {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    if (!/^\s*\d+\s*$/.test(declared)) throw fail(400);
    if (Number(declared) > maxBytes) throw fail(413);
  }
  const contentType = request.headers.get("content-type") ?? "";
  if (!FORM_TYPES.test(contentType)) throw fail(400);
  const bytes = request.body ? await readBounded(request.body, maxBytes) : Buffer.alloc(0);
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw fail(400);
  }
  return withoutControlCharacters(form);
}
