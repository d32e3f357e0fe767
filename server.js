// Production server: Express serving the React Router build. Our own server (rather than
// react-router-serve) so the request context carries the client IP for rate limits, and so
// shutdown closes the embedded database and stops the outbox worker cleanly.
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@react-router/express";

const build = await import("./build/server/index.js");
const { createLoadContext, shutdown } = build.entry.module;

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY === "1") app.set("trust proxy", true);
app.use(compression());
app.use(
  "/assets",
  express.static("build/client/assets", { immutable: true, maxAge: "1y", index: false }),
);
app.use(express.static("build/client", { maxAge: "1h", index: false }));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: "production",
    getLoadContext: (req) => createLoadContext({ clientIp: req.ip ?? "unknown" }),
  }),
);

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const server = app.listen(port, host, () => {
  console.log(
    `safe.brussels PGSP returns: http://${host === "0.0.0.0" ? "localhost" : host}:${port}`,
  );
});

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  server.close();
  try {
    await shutdown();
  } finally {
    process.exit(0);
  }
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
