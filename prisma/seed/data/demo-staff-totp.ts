// Second-factor (TOTP) secrets of the demo staff accounts. Public on purpose: they are in the
// README so anyone trying the demo can sign in as staff (`npm run totp -- admin@example.org`
// prints the current code). Seeded only with the demo data, never in real data.
export const demoStaffTotpSecrets: Record<string, string> = {
  "admin@example.org": "KWR4YC5HZ45A5TQHYPJJ3MUQM7GQJUO6",
  "reviewer@example.org": "EJXWRHUPEPSSEYGPCZVVQXXQ2M2VHDEO",
  "second.reviewer@example.org": "KFQADHMQ35QWGIMAJPO5HBSGVQYIJWYG",
};
