// The campaign's reminders page (routes/staff/campaign-reminders.tsx) and the email preview
// (routes/staff/email-preview.tsx), through their loaders and actions with real sessions:
// administrators edit rules (bad input → 400 with the typed values kept, duplicates → 409,
// audited), reviewers may send now but not edit rules, the dry-run preview writes nothing,
// and each template renders in FR and NL without a sign-in link.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createStaffUser } from "../fixtures/factories";
import { createCampaign, createFundedPartner } from "../fixtures/returns";
import { writeSession } from "../fixtures/sessions";
import { seedReferenceData } from "../../prisma/seed/load";
import { sessionCookie } from "~/modules/auth/cookies.server";
import { createDefaultReminderRules } from "~/modules/campaigns/reminder-rules.server";
import { PREVIEW_TEMPLATES } from "~/modules/reminders/email-templates";
import { action, loader } from "~/routes/staff/campaign-reminders";
import { loader as previewLoader } from "~/routes/staff/email-preview";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";

let campaignId: string;
let late: Awaited<ReturnType<typeof createFundedPartner>>;
let admin: string;
let reviewer: string;

const signedIn = async (userId: string) =>
  `${sessionCookie.name}=${await writeSession(prisma, userId)}`;

beforeAll(async () => {
  await seedReferenceData(prisma);
  // createCampaign: due 31 March 2025, long past: every return still to send is late.
  campaignId = (await createCampaign(2024)).id;
  await createDefaultReminderRules(prisma, campaignId);
  late = await createFundedPartner(campaignId, { language: "fr" });
  admin = await signedIn((await createStaffUser("ADMIN")).id);
  reviewer = await signedIn((await createStaffUser("REVIEWER")).id);
}, 120_000);

function args(cookie: string, query = "", form?: Record<string, string>) {
  const path = `/fr/staff/campaigns/${campaignId}/reminders${query}`;
  const request = new Request(`http://localhost${path}`, {
    method: form ? "POST" : "GET",
    headers: {
      cookie,
      ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  return { request, params: { lang: "fr", campaignId }, context: {} } as never;
}

async function post(cookie: string, form: Record<string, string>) {
  try {
    const answer = (await action(args(cookie, "", form))) as unknown as Record<string, unknown>;
    if ("init" in answer && "data" in answer) {
      const { init, data } = answer as { init: { status: number }; data: Record<string, unknown> };
      return { status: init.status, data };
    }
    return { status: 200, data: answer };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null };
    const status = (thrown as { init?: { status?: number } }).init?.status;
    if (status) return { status, data: null };
    throw thrown;
  }
}

describe("the reminder rules", () => {
  it("refuses bad days with the typed values kept, then saves, refusing a duplicate", async () => {
    const bad = await post(admin, {
      intent: "add-rule",
      kind: "AFTER_DUE",
      days: "trois",
      escalate: "on",
      active: "on",
    });
    expect(bad).toEqual({
      status: 400,
      data: {
        formId: "new",
        errors: { days: "errors.days" },
        values: { kind: "AFTER_DUE", days: "trois", escalate: "on", active: "on" },
      },
    });
    const good = await post(admin, {
      intent: "add-rule",
      kind: "AFTER_DUE",
      days: "21",
      active: "on",
    });
    expect(good).toEqual({ status: 200, data: { notice: "saved" } });
    const rule = await prisma.reminderRule.findFirstOrThrow({
      where: { campaignId, kind: "AFTER_DUE", days: 21 },
    });
    expect(rule).toMatchObject({ escalate: false, active: true });
    const duplicate = await post(admin, { intent: "add-rule", kind: "AFTER_DUE", days: "21" });
    expect(duplicate.status).toBe(409);

    const changed = await post(admin, {
      intent: "update-rule",
      ruleId: rule.id,
      kind: "AFTER_DUE",
      days: "28",
      escalate: "on",
    });
    expect(changed.status).toBe(200);
    expect(await prisma.reminderRule.findUniqueOrThrow({ where: { id: rule.id } })).toMatchObject({
      days: 28,
      escalate: true,
      active: false,
    });
    expect((await post(admin, { intent: "delete-rule", ruleId: rule.id })).status).toBe(200);
    const audit = await prisma.auditEvent.findMany({
      where: { targetId: rule.id },
      orderBy: { occurredAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "reminder-rule.created",
      "reminder-rule.updated",
      "reminder-rule.deleted",
    ]);
  });

  it("lets reviewers see the page but not change the rules", async () => {
    const page = (await loader(args(reviewer))) as unknown as { canEdit: boolean };
    expect(page.canEdit).toBe(false);
    const denied = await post(reviewer, { intent: "add-rule", kind: "DUE_DAY", days: "1" });
    expect([302, 403, 404]).toContain(denied.status);
    expect(
      await prisma.reminderRule.count({ where: { campaignId, kind: "DUE_DAY", days: 1 } }),
    ).toBe(0);
  });
});

describe("send now and the preview", () => {
  it("previews a day without writing, and sends now to one late partner once a day", async () => {
    const page = (await loader(args(admin, "?on=2025-04-07"))) as unknown as {
      page: { late: { id: string }[]; preview: { queued: number; lines: { kind: string }[] } };
    };
    expect(page.page.late.map((r) => r.id)).toEqual([late.returnId]);
    expect(page.page.preview.lines.map((l) => l.kind)).toContain("AFTER_DUE");
    expect(await prisma.reminderDispatch.count()).toBe(0);

    const bad = (await loader(args(admin, "?on=31/02/2025"))) as unknown as {
      previewError: string;
      previewInput: string;
    };
    expect(bad).toMatchObject({ previewError: "errors.previewDay", previewInput: "31/02/2025" });

    const sent = await post(reviewer, { intent: "send-now", returnId: late.returnId });
    expect(sent).toEqual({ status: 200, data: { notice: "sent", queued: 1 } });
    const again = await post(admin, { intent: "send-now-late" });
    expect(again).toEqual({ status: 200, data: { notice: "sent", queued: 0 } });
    expect(await prisma.outboxEmail.count({ where: { toEmail: late.user.email } })).toBe(1);
    expect((await post(admin, { intent: "send-now", returnId: "other" })).status).toBe(404);
  });
});

describe("the rehearsal", () => {
  const initially = env.remindersRehearsal;
  afterEach(() => {
    env.remindersRehearsal = initially;
  });
  // Three days before the 31 March 2025 due date: the default BEFORE_DUE 3 rule.
  const day = "2025-03-28";

  it("is refused with 400 and writes nothing when REMINDERS_REHEARSAL is off", async () => {
    env.remindersRehearsal = false;
    const before = [await prisma.reminderDispatch.count(), await prisma.outboxEmail.count()];
    expect((await post(admin, { intent: "rehearse", on: day })).status).toBe(400);
    expect([await prisma.reminderDispatch.count(), await prisma.outboxEmail.count()]).toEqual(
      before,
    );
    expect(await prisma.auditEvent.count({ where: { action: "reminders.rehearsed" } })).toBe(0);
  });

  it("queues once what is due at 09:00 Brussels that day, for administrators only, audited", async () => {
    env.remindersRehearsal = true;
    const partner = await createFundedPartner(campaignId, { language: "nl" });
    const preview = (await loader(args(admin, `?on=${day}`))) as unknown as {
      page: { preview: { queued: number } };
    };
    const expected = preview.page.preview.queued;
    expect(expected).toBeGreaterThanOrEqual(1);

    const refused = await post(reviewer, { intent: "rehearse", on: day });
    expect([302, 403, 404]).toContain(refused.status);
    expect(await prisma.reminderDispatch.count({ where: { day } })).toBe(0);
    expect((await post(admin, { intent: "rehearse", on: "28/03/2025" })).status).toBe(400);

    const outboxBefore = await prisma.outboxEmail.count();
    const first = await post(admin, { intent: "rehearse", on: day });
    expect(first).toEqual({ status: 200, data: { notice: "rehearsed", queued: expected } });
    const dispatches = await prisma.reminderDispatch.findMany({
      where: { campaignId, day, status: "QUEUED" },
    });
    expect(dispatches).toHaveLength(expected);
    expect(dispatches.every((d) => d.outboxKey)).toBe(true);
    expect(
      dispatches.find((d) => d.returnId === partner.returnId && d.kind === "BEFORE_DUE"),
    ).toMatchObject({ recipient: partner.user.email.toLowerCase() });
    expect(await prisma.outboxEmail.count()).toBe(outboxBefore + expected);
    expect(await prisma.outboxEmail.count({ where: { toEmail: partner.user.email } })).toBe(1);

    const second = await post(admin, { intent: "rehearse", on: day });
    expect(second).toEqual({ status: 200, data: { notice: "rehearsed", queued: 0 } });
    expect(await prisma.outboxEmail.count()).toBe(outboxBefore + expected);

    const audit = await prisma.auditEvent.findMany({
      where: { action: "reminders.rehearsed", targetId: campaignId },
      orderBy: { occurredAt: "asc" },
    });
    expect(audit.map((a) => a.details)).toEqual([
      expect.objectContaining({ day, queued: expected }),
      expect.objectContaining({ day, queued: 0 }),
    ]);
  });
});

describe("the email preview", () => {
  it("renders every template in French and Dutch, with no link that signs in", async () => {
    for (const template of PREVIEW_TEMPLATES) {
      for (const lang of ["fr", "nl"] as const) {
        const request = new Request(`http://localhost/fr/staff/emails/${template}?lang=${lang}`, {
          headers: { cookie: reviewer },
        });
        const page = (await previewLoader({
          request,
          params: { lang: "fr", template },
          context: {},
        } as never)) as unknown as { subject: string; html: string; emailLang: string };
        expect(page.emailLang).toBe(lang);
        expect(page.subject.length).toBeGreaterThan(5);
        expect(page.html).toContain(`lang="${lang}"`);
        expect(page.html).not.toMatch(/token=|\/login\//);
      }
    }
  });
});
