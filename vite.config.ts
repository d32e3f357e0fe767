import path from "node:path";
import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [reactRouter()],
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  server: { port: 5173 },
  // Kept after the build (build/client/.vite/manifest.json, never served: express.static skips
  // dot folders): the server reads it to preload the page language's strings chunk
  // (app/modules/i18n/strings-chunks.server.ts).
  build: { manifest: true },
});
