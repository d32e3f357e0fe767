// The review's demo: every state a return goes through once sent, on French- and Dutch-speaking
// partners, made by the app's own use cases (so decisions, comments, emails in the outbox,
// history and dataset entries are what the app writes):
// - 2022 (closed): five non-profits' returns approved (the central dataset is not empty), three
//   sent and waiting (zone 5339's, sent by the base demo, is one);
// - 2023 (open): zone 5341 sent back with changes requested and comments; JES resubmitted with a
//   changed section (the reviewer sees the difference); DUNE approved, then reopened by an
//   administrator; Foyer and CCLJ sent and waiting (the browser tests' review journeys start
//   from these two, in Dutch and in French). These four non-profits are funded by the call for
//   projects: their 2023 returns are activity reports, with their reports attached.
// Demo narratives in our own words. Runs once: a return already sent is left as it is.
import type { CurrentUser } from "../../app/modules/auth/session.server";
import { rolesOf } from "../../app/modules/auth/permissions";
import { brusselsTime as brussels } from "../../app/modules/i18n/format";
import { approveReturn } from "../../app/modules/review/approve.server";
import { postComment } from "../../app/modules/review/comments.server";
import { decideSection } from "../../app/modules/review/decide.server";
import { reopenReturn } from "../../app/modules/review/reopen.server";
import { reviewStateOf } from "../../app/modules/review/review-state.server";
import { requestChanges } from "../../app/modules/review/send-back.server";
import { submitReturn } from "../../app/modules/returns/submit.server";
import { prisma } from "../../app/utils/db.server";
import { submitDemoReturn } from "./returns";

const BASE_URL = process.env.APP_BASE_URL ?? "http://localhost:3000";

async function actingAs(email: string): Promise<CurrentUser> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { email },
    include: { memberships: true },
  });
  return {
    sessionId: "demo-seed",
    expiresAt: new Date(Date.now() + 3600_000),
    user,
    roles: rolesOf(user),
    organisationIds: user.memberships.map((m) => m.organisationId),
  };
}

function expectOutcome(what: string, result: { outcome: string }, wanted: string) {
  if (result.outcome !== wanted) {
    throw new Error(`Review demo: ${what} gave "${result.outcome}", not "${wanted}"`);
  }
}

/** Decides on every section of the latest submission; `special` names a few by kind. */
async function decideAll(
  reviewer: CurrentUser,
  returnId: string,
  special: { kind: string; decision: "CHANGES_NEEDED" | "NOT_RETAINED"; note: string }[] = [],
) {
  const { latest } = await reviewStateOf(prisma, returnId);
  if (!latest) throw new Error(`Review demo: ${returnId} was not sent`);
  const pending = [...special];
  for (const section of latest.snapshot.sections) {
    const index = pending.findIndex((p) => p.kind === section.kind);
    const chosen = index >= 0 ? pending.splice(index, 1)[0]! : null;
    const result = await decideSection({
      current: reviewer,
      returnId,
      sectionId: section.sectionId,
      decision: chosen?.decision ?? "ACCEPTED",
      note: chosen?.note ?? null,
    });
    expectOutcome(`deciding on ${section.slotKey}`, result, "decided");
  }
  return latest.number;
}

async function approved(reviewer: CurrentUser, returnId: string, notRetained?: string) {
  const number = await decideAll(
    reviewer,
    returnId,
    notRetained
      ? [{ kind: "TRANSVERSAL_MISSION", decision: "NOT_RETAINED", note: notRetained }]
      : [],
  );
  expectOutcome(
    "approving",
    await approveReturn({ current: reviewer, returnId, submissionNumber: number }),
    "approved",
  );
}

async function sentBack(
  reviewer: CurrentUser,
  returnId: string,
  note: string,
): Promise<{ sectionId: string }> {
  const number = await decideAll(reviewer, returnId, [
    { kind: "FUNDED_MEASURE", decision: "CHANGES_NEEDED", note },
  ]);
  expectOutcome(
    "sending back",
    await requestChanges({ current: reviewer, returnId, submissionNumber: number }),
    "sent-back",
  );
  const section = await prisma.returnSection.findFirstOrThrow({
    where: { returnId, changesRequestedAt: { not: null } },
    select: { id: true },
  });
  return { sectionId: section.id };
}

export async function seedReviewDemo(campaigns: { c2022: { id: string }; c2023: { id: string } }) {
  const reviewer = await actingAs("reviewer@example.org");
  const admin = await actingAs("admin@example.org");
  const { c2022, c2023 } = campaigns;

  // 2022: approved returns, in both languages.
  const approved2022: [string, string, "fr" | "nl", string][] = [
    ["asbl-cclj", "david.rosen@example.org", "fr", "2023-03-02"],
    ["asbl-flcpf", "claire.fontaine@example.org", "fr", "2023-03-09"],
    ["asbl-pag-asa", "ana.silva@example.org", "fr", "2023-03-15"],
    ["asbl-jes", "lotte.janssens@example.org", "nl", "2023-03-21"],
    ["asbl-foyer", "wout.maes@example.org", "nl", "2023-03-28"],
  ];
  for (const [slug, submitterEmail, language, day] of approved2022) {
    const returnId = await submitDemoReturn(c2022.id, slug, {
      submitterEmail,
      language,
      submittedAt: brussels(day, "10:15"),
    });
    if (!returnId) continue;
    await approved(
      reviewer,
      returnId,
      slug === "asbl-pag-asa" ? "Cette mission ne relève pas du projet subventionné." : undefined,
    );
  }
  // 2022: sent and waiting for a decision.
  for (const [slug, submitterEmail, language, day] of [
    ["asbl-diogenes", "tom.verhaegen@example.org", "nl", "2023-04-04"],
    ["asbl-bulle", "lea.gerard@example.org", "fr", "2023-03-30"],
  ] as const) {
    await submitDemoReturn(c2022.id, slug, {
      submitterEmail,
      language,
      submittedAt: brussels(day, "16:40"),
    });
  }

  // 2023: zone 5341, sent back with a comment on one block and a general remark.
  const zone = await submitDemoReturn(c2023.id, "zp-5341", {
    submitterEmail: "karim.benali@example.org",
    language: "fr",
    submittedAt: brussels("2024-03-18", "11:05"),
  });
  if (zone) {
    const { sectionId } = await sentBack(
      reviewer,
      zone,
      "Pouvez-vous préciser combien d'agents ont suivi la formation et sur quelle période ?",
    );
    const partner = await actingAs("karim.benali@example.org");
    expectOutcome(
      "commenting",
      await postComment({
        current: reviewer,
        returnId: zone,
        sectionId: null,
        body: "Merci pour ce rapport complet. Un seul point reste à préciser, voir le bloc concerné.",
        language: "fr",
      }),
      "posted",
    );
    expectOutcome(
      "answering",
      await postComment({
        current: partner,
        returnId: zone,
        sectionId,
        body: "Nous vérifions les listes de présence et complétons le bloc cette semaine.",
        language: "fr",
      }),
      "posted",
    );
  }

  // 2023: JES, sent back, changed and sent again: the reviewer sees what changed.
  const jes = await submitDemoReturn(c2023.id, "asbl-jes", {
    submitterEmail: "lotte.janssens@example.org",
    language: "nl",
    submittedAt: brussels("2024-03-12", "09:30"),
  });
  if (jes) {
    const { sectionId } = await sentBack(
      reviewer,
      jes,
      "Kunt u het aantal bereikte jongeren opsplitsen per activiteit?",
    );
    const partner = await actingAs("lotte.janssens@example.org");
    const section = await prisma.returnSection.findUniqueOrThrow({ where: { id: sectionId } });
    const answers = section.answers as Record<string, unknown>;
    await prisma.returnSection.update({
      where: { id: sectionId },
      data: {
        answers: {
          ...answers,
          figures: [
            { label: "Vormingen voor politie", value: "14", unit: "sessies" },
            { label: "Bereikte jongeren (workshops)", value: "380", unit: "personen" },
            { label: "Bereikte jongeren (straatwerk)", value: "260", unit: "personen" },
          ],
        },
        version: { increment: 1 },
        updatedById: partner.user.id,
      },
    });
    expectOutcome(
      "answering",
      await postComment({
        current: partner,
        returnId: jes,
        sectionId,
        body: "De cijfers zijn nu opgesplitst: workshops en straatwerk apart.",
        language: "nl",
      }),
      "posted",
    );
    expectOutcome(
      "resubmitting",
      await submitReturn({
        current: partner,
        returnId: jes,
        submissionKey: `demo-resubmit-${jes}`,
        language: "nl",
        baseUrl: BASE_URL,
      }),
      "submitted",
    );
  }

  // 2023: DUNE, approved, then reopened by an administrator.
  const dune = await submitDemoReturn(c2023.id, "asbl-dune", {
    submitterEmail: "amandine.leroy@example.org",
    language: "fr",
    submittedAt: brussels("2024-03-05", "15:20"),
  });
  if (dune) {
    await approved(reviewer, dune);
    expectOutcome(
      "reopening",
      await reopenReturn({
        current: admin,
        returnId: dune,
        reason:
          "Le montant dépensé déclaré ne correspond pas au rapport financier reçu : à corriger par l'ASBL.",
      }),
      "reopened",
    );
  }

  // 2023: Foyer and CCLJ, sent and waiting.
  await submitDemoReturn(c2023.id, "asbl-foyer", {
    submitterEmail: "wout.maes@example.org",
    language: "nl",
    submittedAt: brussels("2024-03-25", "13:50"),
  });
  await submitDemoReturn(c2023.id, "asbl-cclj", {
    submitterEmail: "david.rosen@example.org",
    language: "fr",
    submittedAt: brussels("2024-03-27", "10:05"),
  });
}
