// Saves the sessions the e2e server wrote for the shared demo accounts (tests/fixtures/sessions.ts)
// as storage state files, for specs that sign in with `test.use({ storageState })`. No login
// form: only the login tests use it.
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { test as setup } from "@playwright/test";
import { accounts, sessionState, storageStates } from "./helpers";

setup("storage states of the shared demo accounts", () => {
  for (const [role, file] of Object.entries(storageStates)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(sessionState(accounts[role as keyof typeof storageStates])));
  }
});
