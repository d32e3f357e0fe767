// The embedded database's own settings (app/utils/db/engine.server.ts): its page cache is kept
// at 32 MB, which the server holds in its own memory (PGlite's default is 128 MB), unless
// PGLITE_SHARED_BUFFERS says otherwise, and PGlite's other start parameters stay as PGlite sets
// them.
import { expect, it } from "vitest";
import { databaseConfigFromEnv, openDatabase } from "~/utils/db/engine.server";

async function settings(config: Parameters<typeof openDatabase>[0], names: string[]) {
  const database = await openDatabase(config);
  try {
    const shown: Record<string, string> = {};
    for (const name of names) {
      const [row] = await database.prisma.$queryRawUnsafe<Record<string, string>[]>(`SHOW ${name}`);
      shown[name] = row![name]!;
    }
    return shown;
  } finally {
    await database.close();
  }
}

it("opens the embedded database with a 32 MB page cache and PGlite's other settings", async () => {
  expect(
    await settings({ migrate: false }, [
      "shared_buffers",
      // From PGlite's own defaults, which the engine's parameters extend.
      "search_path",
      "max_parallel_workers_per_gather",
    ]),
  ).toEqual({
    shared_buffers: "32MB",
    search_path: "public",
    max_parallel_workers_per_gather: "0",
  });
});

it("takes another page cache from PGLITE_SHARED_BUFFERS", async () => {
  const config = databaseConfigFromEnv({ PGLITE_SHARED_BUFFERS: "16MB" });
  expect(config.pgliteSharedBuffers).toBe("16MB");
  expect(
    await settings({ pgliteSharedBuffers: config.pgliteSharedBuffers, migrate: false }, [
      "shared_buffers",
    ]),
  ).toEqual({ shared_buffers: "16MB" });
});
