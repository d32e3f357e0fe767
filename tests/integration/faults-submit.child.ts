// Child process of tests/integration/faults-submit.test.ts, run with tsx on its own database
// (PGLITE_DIR folder or DATABASE_URL), so that the test can SIGKILL it in the middle of a
// submission. Its argument is a JSON list of steps, run in order; each prints one JSON line:
//   {"prepare": n}                        seed, an open campaign, n filled returns
//                                         → {"prepared": [{returnId, userId}]}
//   {"submit": {returnId, userId, key}}   prints "start <key>", then submits
//                                         → {"submitted": {outcome, ms}}; {prepared: i} in
//                                         place of the ids: the i-th return prepared above
//   {"retry": {returnId, userId, key}}    the return's state, a retry with the same key, the
//                                         state again → {"retried": {outcome, before, after}}
//   {"hold": true}                        stays open (the test kills it)
// One process runs several steps (a retry after the last kill, then the next killed
// submission): each process start, with its recovery of the database, costs seconds.
import { asCurrent } from "../fixtures/factories";
import { createCampaign, createFundedPartner, fillReturn, seedWorld } from "../fixtures/returns";
import { submitReturn } from "~/modules/returns/submit.server";
import { closeDatabase, prisma } from "~/utils/db.server";

type Target = { key: string } & ({ returnId: string; userId: string } | { prepared: number });
type Step = { prepare: number } | { submit: Target } | { retry: Target } | { hold: true };

/** Everything a submission writes, for one return. */
async function stateOf(returnId: string) {
  const row = await prisma.annualReturn.findUniqueOrThrow({ where: { id: returnId } });
  return {
    status: row.status,
    submittedAt: row.submittedAt !== null,
    submissions: await prisma.submission.count({ where: { returnId } }),
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

const prepared: { returnId: string; userId: string }[] = [];
const targetOf = (target: Target) =>
  "prepared" in target ? { ...prepared[target.prepared]!, key: target.key } : target;

async function submit(target: Target, current: Awaited<ReturnType<typeof asCurrent>>) {
  return submitReturn({
    current,
    returnId: targetOf(target).returnId,
    submissionKey: target.key,
    language: "fr",
    baseUrl: "http://127.0.0.1:3000",
  });
}

const print = (line: unknown) => console.log(JSON.stringify(line));

try {
  for (const step of JSON.parse(process.argv[2] ?? "[]") as Step[]) {
    if ("prepare" in step) {
      await seedWorld();
      const campaign = await createCampaign(2023);
      for (let i = 0; i < step.prepare; i++) {
        const partner = await createFundedPartner(campaign.id);
        await fillReturn(partner.current, partner.returnId);
        prepared.push({ returnId: partner.returnId, userId: partner.user.id });
      }
      print({ prepared });
    } else if ("submit" in step) {
      const current = await asCurrent(targetOf(step.submit).userId);
      console.log(`start ${step.submit.key}`);
      const started = performance.now();
      const { outcome } = await submit(step.submit, current);
      print({ submitted: { outcome, ms: performance.now() - started } });
    } else if ("retry" in step) {
      const { returnId, userId } = targetOf(step.retry);
      const current = await asCurrent(userId);
      const before = await stateOf(returnId);
      const { outcome } = await submit(step.retry, current);
      print({ retried: { outcome, before, after: await stateOf(returnId) } });
    } else if ("hold" in step) {
      await new Promise((resolve) => setTimeout(resolve, 60_000));
    } else {
      throw new Error(`unknown step ${JSON.stringify(step)}`);
    }
  }
} finally {
  await closeDatabase();
}
