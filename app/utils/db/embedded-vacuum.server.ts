// The embedded database's autovacuum. PostgreSQL vacuums and analyses a table on its own once
// enough of it changed; PGlite has no background workers, so nothing ever does, and the tables
// that grow (dataset entries, decisions, sections) keep an empty visibility map and stale
// statistics: index-only counts read the table instead (the dataset page's counts per channel
// went from 13 to 400 ms at p95 over a large dataset, docs/benchmarks.md). This applies
// autovacuum's own rule (a table is due when its changes since the last vacuum pass 50 rows plus
// 20 % of its size) from the statistics PGlite keeps, one table at a time, between queries.
import type { PGlite } from "@electric-sql/pglite";

/** autovacuum_vacuum_threshold and autovacuum_vacuum_scale_factor's defaults. */
const THRESHOLD_ROWS = 50;
const SCALE_FACTOR = 0.2;

/** The tables whose changes since their last vacuum pass autovacuum's threshold. */
export async function tablesDueForVacuum(pglite: Pick<PGlite, "query">): Promise<string[]> {
  const due = await pglite.query<{ relname: string }>(
    `SELECT relname FROM pg_stat_user_tables
      WHERE schemaname = 'public'
        AND n_ins_since_vacuum + n_dead_tup > $1::float8 + $2::float8 * GREATEST(n_live_tup, 0)
      ORDER BY n_ins_since_vacuum + n_dead_tup DESC`,
    [THRESHOLD_ROWS, SCALE_FACTOR],
  );
  return due.rows.map((row) => row.relname);
}

/** Vacuums and analyses every table that is due; returns their names. */
export async function vacuumDueTables(pglite: Pick<PGlite, "query" | "exec">) {
  const tables = await tablesDueForVacuum(pglite);
  for (const table of tables) {
    // Each statement waits for the transaction in progress, if any: PGlite runs one at a time.
    await pglite.exec(`VACUUM (ANALYZE) "${table.replaceAll('"', '""')}"`);
  }
  return tables;
}

/**
 * Checks every `intervalMs` (never two runs at once; the timer does not keep the process
 * alive). Returns a stop function that waits for a run in progress.
 */
export function startEmbeddedVacuum(pglite: PGlite, intervalMs: number) {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running.then(async () => {
      if (stopped || pglite.closed) return;
      try {
        await vacuumDueTables(pglite);
      } catch (error) {
        console.error(
          "embedded database vacuum:",
          error instanceof Error ? error.message : String(error),
        );
      }
    });
  }, intervalMs);
  timer.unref();
  return async function stop() {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
