// Seeds the demo database once for the whole HTTP run: every test file then copies it
// (tests/http/server.ts) instead of seeding its own, which takes most of a file's start-up.
import { rmSync } from "node:fs";
import { SHARED_SEED_VARIABLE, seedTemplate } from "./server";

export default function setup() {
  const dir = seedTemplate("demo");
  process.env[SHARED_SEED_VARIABLE] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
