// Playwright's global setup (playwright.config.ts), run once after the servers are up and before
// any worker starts: saves the sessions the e2e server wrote for the shared demo accounts
// (tests/fixtures/sessions.ts) as storage state files, for specs that sign in with
// `test.use({ storageState })`. No browser and no login form: only the login tests use that.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { accounts, sessionState, storageStates } from "./helpers";

export default function saveStorageStates() {
  for (const [role, file] of Object.entries(storageStates)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(sessionState(accounts[role as keyof typeof storageStates])));
  }
}
