// A file between its dry run and its import: kept on disk (under UPLOAD_DIR, never public)
// by its SHA-256 for an hour, so the page's "Import" button needs no second upload and works
// without JavaScript. The import reads it again and plans it again; the file is removed once
// imported, and any left over past the hour is removed by the next dry run.
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { uploadDir } from "~/modules/returns/stored-files.server";

const KEEP_MS = 60 * 60 * 1000;
const SHA256 = /^[0-9a-f]{64}$/;

const folder = () => path.join(uploadDir(), "pending-imports");

export const isSha256 = (value: string) => SHA256.test(value);

export async function keepPendingImport(sha256: string, bytes: Uint8Array, now = Date.now()) {
  if (!isSha256(sha256)) throw new Error("pending import: not a SHA-256");
  const dir = folder();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs > KEEP_MS) await rm(file, { force: true });
  }
  await writeFile(path.join(dir, `${sha256}.bin`), bytes, { mode: 0o600 });
}

/** The kept file, if it is still there and under an hour old. */
export async function readPendingImport(sha256: string, now = Date.now()) {
  if (!isSha256(sha256)) return null;
  const file = path.join(folder(), `${sha256}.bin`);
  const info = await stat(file).catch(() => null);
  if (!info || now - info.mtimeMs > KEEP_MS) return null;
  return new Uint8Array(await readFile(file));
}

export async function dropPendingImport(sha256: string) {
  if (!isSha256(sha256)) return;
  await rm(path.join(folder(), `${sha256}.bin`), { force: true });
}
