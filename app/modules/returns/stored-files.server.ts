// Where attachment bytes live on disk, apart from the use cases that add and remove them, so
// that saving a section (which may drop files) and attaching files do not import each other.
import { mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";

const STORAGE_KEY = /^[0-9a-f]{32}$/;

/** Where attachment bytes are kept: UPLOAD_DIR, or .data/uploads; created if missing. */
export function uploadDir(): string {
  const dir = path.resolve(process.env.UPLOAD_DIR ?? ".data/uploads");
  for (const served of [path.resolve("public"), path.resolve("build/client")]) {
    if (dir === served || dir.startsWith(served + path.sep)) {
      throw new Error("UPLOAD_DIR must not be a publicly served folder");
    }
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export const isStorageKey = (key: string) => STORAGE_KEY.test(key);

export function storagePath(storageKey: string) {
  if (!STORAGE_KEY.test(storageKey)) throw new Error("Invalid attachment storage key");
  return path.join(uploadDir(), storageKey);
}

export async function removeStoredFiles(storageKeys: readonly string[]) {
  for (const key of storageKeys) {
    try {
      await rm(storagePath(key), { force: true });
    } catch {
      // Only the key: never the file name or its contents.
      console.warn(`Attachment file ${key} could not be removed`);
    }
  }
}
