// The embedded database's own settings (app/utils/db/engine.server.ts): its page cache is kept
// at 32 MB, which the server holds in its own memory (PGlite's default is 128 MB), and PGlite's
// other start parameters stay as PGlite sets them.
import { expect, it } from "vitest";
import { openDatabase } from "~/utils/db/engine.server";

it("opens the embedded database with a 32 MB page cache and PGlite's other settings", async () => {
  const database = await openDatabase({ migrate: false });
  try {
    const show = async (name: string) =>
      (await database.prisma.$queryRawUnsafe<Record<string, string>[]>(`SHOW ${name}`))[0]![name];
    expect(await show("shared_buffers")).toBe("32MB");
    // From PGlite's own defaults, which the engine's parameters extend.
    expect(await show("search_path")).toBe("public");
    expect(await show("max_parallel_workers_per_gather")).toBe("0");
  } finally {
    await database.close();
  }
});
