// Runs the database integration tests against a real PostgreSQL.
// Uses TEST_POSTGRES_URL when given; otherwise starts a throwaway cluster from the local
// PostgreSQL binaries (Debian's `postgresql` package; .ci/run installs it), then removes it.
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function findPgBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(root, version, "bin");
    if (existsSync(path.join(bin, "pg_ctl"))) return bin;
  }
  return undefined;
}

function vitest(url) {
  return run("npx", ["vitest", "run", "tests/integration"], {
    env: { ...process.env, TEST_DB_ENGINE: "postgres", TEST_POSTGRES_URL: url },
  });
}

if (process.env.TEST_POSTGRES_URL) process.exit(vitest(process.env.TEST_POSTGRES_URL));

const bin = findPgBin();
if (!bin) {
  console.error(
    "PostgreSQL server binaries not found. Install them (apt-get install -y postgresql) " +
      "or set TEST_POSTGRES_URL to an admin connection string.",
  );
  process.exit(1);
}

const dir = mkdtempSync(path.join(tmpdir(), "pgtest-"));
const dataDir = path.join(dir, "data");
const port = String(55_000 + Math.floor(Math.random() * 5_000));
// initdb refuses to run as root: run the server as the postgres system user then.
const asRoot = process.getuid?.() === 0;
const wrap = (cmd, args) =>
  asRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
if (asRoot) {
  const uid = Number(spawnSync("id", ["-u", "postgres"]).stdout.toString().trim());
  const gid = Number(spawnSync("id", ["-g", "postgres"]).stdout.toString().trim());
  chownSync(dir, uid, gid);
}

let status = 1;
try {
  const init = wrap(path.join(bin, "initdb"), [
    "-D",
    dataDir,
    "-A",
    "trust",
    "-U",
    "postgres",
    "--no-sync",
    "-E",
    "UTF8",
  ]);
  if (run(init[0], init[1], { stdio: "ignore" }) !== 0) throw new Error("initdb failed");
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = wrap(path.join(bin, "pg_ctl"), [
    "-D",
    dataDir,
    "-o",
    options,
    "-l",
    path.join(dir, "log"),
    "-w",
    "start",
  ]);
  if (run(start[0], start[1], { stdio: "ignore" }) !== 0)
    throw new Error("PostgreSQL did not start");
  status = vitest(`postgresql://postgres@127.0.0.1:${port}/postgres`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  const stop = wrap(path.join(bin, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "stop"]);
  run(stop[0], stop[1], { stdio: "ignore" });
  rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
