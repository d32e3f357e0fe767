import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

// The longest files (child processes, fresh clusters, thousands of requests), longest first.
// Started first, they run beside the many short files instead of alone at the end; vitest
// orders by the last run's durations only when it has them, which a fresh CI clone has not.
const LONGEST = [
  "tests/integration/faults-submit.test.ts",
  "tests/pglite/pglite-backup.test.ts",
  "tests/pglite/pglite-lock.test.ts",
  "tests/fuzz/actions.test.ts",
  "tests/tooling/schema-drift.test.ts",
  "tests/unit/database-folder-lock.test.ts",
  "tests/integration/migrations.test.ts",
].map((file) => path.resolve(import.meta.dirname, file));

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const rank = (file: TestSpecification) => {
      const index = LONGEST.indexOf(file.moduleId);
      return index === -1 ? LONGEST.length : index;
    };
    // Array.prototype.sort is stable: the other files keep vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

// Own config, without the React Router plugin (stack.md).
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: [
      "tests/unit/**/*.test.ts",
      "tests/integration/**/*.test.ts",
      // The embedded engine's own folder handling (lock, backup): PGlite whatever the engine
      // under test, so not run a second time by the PostgreSQL suite (tests/integration only).
      "tests/pglite/**/*.test.ts",
      "tests/tooling/**/*.test.ts",
      "tests/fuzz/**/*.test.ts",
    ],
    environment: "node",
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/setup-test-env.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    sequence: { sequencer: LongestFirst },
    pool: "forks",
    // Each worker process runs file after file instead of a new process per file: the process
    // start, the node_modules (Prisma's runtime, PGlite…) and the compiled WebAssembly of
    // PGlite and of Prisma's query compiler are paid once per worker, not once per file (about
    // 5 s of CPU per database file). Files still share no app module nor database:
    // tests/setup/setup-test-env.ts resets the module registry before each file.
    isolate: false,
    // Vitest's default is one worker less than the cores: a single worker on our 2-core CI
    // machines, which then sits idle whenever a test waits (child processes, SMTP, timers).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
