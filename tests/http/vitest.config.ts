import path from "node:path";
import { defineConfig } from "vitest/config";

// HTTP tests run against the production build (`npm run test:http`, after `npm run build`):
// each file starts its own `node server.js` through tests/http/server.ts. No in-process
// database, so no tests/setup file; files run one after the other (2 shared cores).
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "../../app") } },
  test: {
    root: path.resolve(import.meta.dirname, "../.."),
    include: ["tests/http/**/*.test.ts"],
    globalSetup: ["tests/http/global-setup.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
  },
});
