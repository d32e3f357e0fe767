import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

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
    pool: "forks",
    // Vitest's default is one worker less than the cores: a single worker on our 2-core CI
    // machines, which then sits idle whenever a test waits (child processes, SMTP, timers).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
