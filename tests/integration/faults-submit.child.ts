// Child process of tests/integration/faults-submit.test.ts, run with tsx on its own database
// (PGLITE_DIR folder or DATABASE_URL), so that the test can SIGKILL it in the middle of a
// submission. Modes (last stdout line is JSON):
//   prepare <n>                      seed, an open campaign, n filled returns → [{returnId, userId}]
//   submit <returnId> <userId> <key> prints "start", then submits → {outcome, ms}
//   retry <returnId> <userId> <key>  the return's state, a retry with the same key, the state again
import { asCurrent } from "../fixtures/factories";
import { createCampaign, createFundedPartner, fillReturn, seedWorld } from "../fixtures/returns";
import { submitReturn } from "~/modules/returns/submit.server";
import { closeDatabase, prisma } from "~/utils/db.server";

/** Everything a submission writes, for one return. */
async function stateOf(returnId: string) {
  const row = await prisma.annualReturn.findUniqueOrThrow({ where: { id: returnId } });
  return {
    status: row.status,
    submittedAt: row.submittedAt !== null,
    snapshot: row.snapshot !== null,
    submissionKey: row.submissionKey,
    audits: await prisma.auditEvent.count({
      where: { action: "return.submitted", targetId: returnId },
    }),
    receipts: await prisma.outboxEmail.count({
      where: {
        purpose: "return-receipt",
        dedupeKey: { startsWith: `return-receipt:${returnId}:` },
      },
    }),
  };
}

const [mode, ...args] = process.argv.slice(2);
try {
  if (mode === "prepare") {
    await seedWorld();
    const campaign = await createCampaign(2023);
    const prepared = [];
    for (let i = 0; i < Number(args[0]); i++) {
      const partner = await createFundedPartner(campaign.id);
      await fillReturn(partner.current, partner.returnId);
      prepared.push({ returnId: partner.returnId, userId: partner.user.id });
    }
    console.log(JSON.stringify(prepared));
  } else if (mode === "submit" || mode === "retry") {
    const [returnId, userId, key] = args as [string, string, string];
    const current = await asCurrent(userId);
    const before = mode === "retry" ? await stateOf(returnId) : null;
    console.log("start");
    const started = performance.now();
    const result = await submitReturn({
      current,
      returnId,
      submissionKey: key,
      language: "fr",
      baseUrl: "http://127.0.0.1:3000",
    });
    const ms = performance.now() - started;
    const after = mode === "retry" ? await stateOf(returnId) : null;
    console.log(JSON.stringify({ outcome: result.outcome, ms, before, after }));
    // Held open after answering, so the test can kill a process whose submission succeeded.
    if (process.env.FAULT_HOLD === "1") await new Promise((resolve) => setTimeout(resolve, 60_000));
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
} finally {
  await closeDatabase();
}
