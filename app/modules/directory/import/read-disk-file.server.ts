// The import commands' file argument: its size is checked before it is read, so a file over
// the limit is refused without being loaded. Shared by `npm run import -- directory` and
// `-- contributions`; each prints the outcome in its own words.
import { readFile, stat } from "node:fs/promises";

export type DiskFile =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; problem: "unreadable" }
  | { ok: false; problem: "tooLarge" };

export async function readImportFileFromDisk(file: string, maxBytes: number): Promise<DiskFile> {
  try {
    if ((await stat(file)).size > maxBytes) return { ok: false, problem: "tooLarge" };
    const buffer = await readFile(file);
    return { ok: true, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
  } catch {
    return { ok: false, problem: "unreadable" };
  }
}
