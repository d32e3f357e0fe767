// Personal-data screening end to end on the database: approving a return whose narrative holds
// a national register number, an IBAN and an email (and a figure labelled with a phone number)
// writes findings in the approval's transaction; published text masks them; a reviewer
// confirms, redacts (wording required) or overrides (reason required), audited, and a second
// resolution of the same finding is refused with who resolved it, nothing overwritten; the
// dataset CSV never holds an unconfirmed finding. On PGlite and on PostgreSQL.
import { describe, expect, it } from "vitest";
import { streamText } from "../fixtures/csv-reader";
import { asCurrent, createStaffUser } from "../fixtures/factories";
import {
  approvedReturnWithPersonalData,
  EMAIL,
  IBAN,
  NATIONAL_NUMBER,
  nationalNumberDigits,
  PHONE,
} from "../fixtures/screening-returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import { datasetCsvStream } from "~/modules/dataset/csv.server";
import { datasetFiltersSchema } from "~/modules/dataset/filters";
import { returnFindings, screeningQueue } from "~/modules/screening/findings.server";
import { MASK, publishEntry } from "~/modules/screening/publish";
import { findingsForEntries } from "~/modules/screening/publish.server";
import { resolveFinding } from "~/modules/screening/resolve.server";
import { prisma } from "~/utils/db.server";

const world = setUpReturnWorld({ year: 2023 });
const approvedWithPersonalData = () => approvedReturnWithPersonalData(world.campaign.id);

/** The dataset CSV of one partner's 2023 entries. */
async function csvText(organisationId: string) {
  const filters = datasetFiltersSchema.parse({ year: "2023", organisation: organisationId });
  return streamText(datasetCsvStream(filters, "fr", { batchSize: 3 }));
}

describe("personal-data screening", () => {
  it("an approval writes each entry's findings, in its narrative and its figures' labels", async () => {
    const { entries } = await approvedWithPersonalData();
    for (const entry of entries) {
      const findings = await prisma.personalDataFinding.findMany({
        where: { entryId: entry.id },
        orderBy: [{ field: "asc" }, { start: "asc" }],
      });
      const inNarrative = findings.filter((f) => f.field === "narrative");
      expect(inNarrative.map((f) => f.kind)).toEqual(["NATIONAL_NUMBER", "IBAN", "EMAIL"]);
      expect(inNarrative.map((f) => entry.narrative.slice(f.start, f.end))).toEqual([
        NATIONAL_NUMBER,
        IBAN,
        EMAIL,
      ]);
      expect(findings.every((f) => f.status === "OPEN" && f.resolvedAt === null)).toBe(true);
      const figures = entry.figures as { label: string }[];
      const phoneIndex = figures.findIndex((f) => f.label.includes(PHONE));
      if (phoneIndex !== -1) {
        expect(findings.filter((f) => f.field === `figure:${phoneIndex}`)).toMatchObject([
          { kind: "PHONE" },
        ]);
      }
    }
    // The amounts, the period and the count in the narrative are not findings.
    expect(await prisma.personalDataFinding.count({ where: { kind: "BIRTH_DATE" } })).toBe(0);
  });

  it("published text masks open findings until a reviewer decides, then applies the decision", async () => {
    const { entries, reviewer } = await approvedWithPersonalData();
    const entry = entries[0]!;
    const byEntry = await findingsForEntries(prisma, [entry.id]);
    const open = publishEntry(entry, byEntry.get(entry.id) ?? []);
    expect(open.screening).toBe("pending");
    for (const secret of [NATIONAL_NUMBER, IBAN, EMAIL, PHONE]) {
      expect(open.narrative).not.toContain(secret);
      expect(JSON.stringify(open.figures)).not.toContain(secret);
    }
    expect(open.narrative).toContain("12 500 €");

    const [nn, iban, email] = (byEntry.get(entry.id) ?? [])
      .filter((f) => f.field === "narrative")
      .map((f) => f);
    const ids = await prisma.personalDataFinding.findMany({
      where: { entryId: entry.id },
      orderBy: [{ field: "asc" }, { start: "asc" }],
    });
    const idOf = (span: typeof nn) =>
      ids.find((f) => f.field === span!.field && f.start === span!.start)!.id;
    expect(
      await resolveFinding({
        current: reviewer,
        findingId: idOf(nn),
        resolution: { action: "confirm" },
      }),
    ).toMatchObject({ outcome: "resolved", status: "CONFIRMED" });
    expect(
      await resolveFinding({
        current: reviewer,
        findingId: idOf(email),
        resolution: { action: "redact", replacement: "l'adresse du coordinateur" },
      }),
    ).toMatchObject({ outcome: "resolved", status: "REDACTED" });
    expect(
      await resolveFinding({
        current: reviewer,
        findingId: idOf(iban),
        resolution: { action: "override", reason: "Compte public de l'ASBL, publié sur son site." },
      }),
    ).toMatchObject({ outcome: "resolved", status: "OVERRIDDEN" });

    const decided = publishEntry(
      entry,
      (await findingsForEntries(prisma, [entry.id])).get(entry.id)!,
    );
    expect(decided.narrative).toContain(`(NN ${MASK})`);
    expect(decided.narrative).toContain(IBAN);
    expect(decided.narrative).toContain("contact l'adresse du coordinateur.");
    expect(decided.narrative).not.toContain(EMAIL);
    // The phone number in the figure is still open: masked, the entry still pending.
    expect(decided.screening).toBe(ids.some((f) => f.field !== "narrative") ? "pending" : "clear");
  });

  it("a redaction needs its wording and an override its reason; nothing half-written", async () => {
    const { entries, reviewer } = await approvedWithPersonalData();
    const finding = await prisma.personalDataFinding.findFirstOrThrow({
      where: { entryId: entries[0]!.id },
    });
    const attempts = [
      [{ action: "redact", replacement: "   " }, "replacement", "errors.replacementRequired"],
      [
        { action: "redact", replacement: "x".repeat(201) },
        "replacement",
        "errors.replacementTooLong",
      ],
      [{ action: "override", reason: "" }, "reason", "errors.reasonRequired"],
    ] as const;
    for (const [resolution, field, error] of attempts) {
      expect(
        await resolveFinding({
          current: reviewer,
          findingId: finding.id,
          resolution: { ...resolution },
        }),
      ).toEqual({ outcome: "invalid", field, error });
    }
    expect(
      await prisma.personalDataFinding.findUniqueOrThrow({ where: { id: finding.id } }),
    ).toEqual(finding);
    expect(
      await prisma.auditEvent.count({
        where: { action: "screening.finding-resolved", targetId: finding.id },
      }),
    ).toBe(0);
  });

  it("resolving a finding already resolved says who did, and overwrites nothing; audited once", async () => {
    const { entries, reviewer } = await approvedWithPersonalData();
    const admin = await asCurrent((await createStaffUser("ADMIN")).id);
    const finding = await prisma.personalDataFinding.findFirstOrThrow({
      where: { entryId: entries[0]!.id, kind: "EMAIL" },
    });
    const first = await resolveFinding({
      current: reviewer,
      findingId: finding.id,
      resolution: { action: "redact", replacement: "le coordinateur" },
    });
    expect(first).toMatchObject({ outcome: "resolved" });
    const second = await resolveFinding({
      current: admin,
      findingId: finding.id,
      resolution: { action: "override", reason: "Adresse générique." },
    });
    expect(second).toMatchObject({
      outcome: "already-resolved",
      status: "REDACTED",
      resolvedBy: reviewer.user.displayName,
    });
    const stored = await prisma.personalDataFinding.findUniqueOrThrow({
      where: { id: finding.id },
    });
    expect(stored).toMatchObject({
      status: "REDACTED",
      replacement: "le coordinateur",
      reason: null,
      resolvedById: reviewer.user.id,
    });
    const audits = await prisma.auditEvent.findMany({
      where: { action: "screening.finding-resolved", targetId: finding.id },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorUserId: reviewer.user.id,
      targetType: "PersonalDataFinding",
      details: { entryId: finding.entryId, kind: "EMAIL", field: "narrative", status: "REDACTED" },
    });
    // The wording and the reason stay out of the audit trail.
    expect(JSON.stringify(audits[0]!.details)).not.toContain("coordinateur");

    // Two reviewers at once on another finding: exactly one wins.
    const other = await prisma.personalDataFinding.findFirstOrThrow({
      where: { entryId: entries[0]!.id, kind: "IBAN" },
    });
    const both = await Promise.all([
      resolveFinding({ current: reviewer, findingId: other.id, resolution: { action: "confirm" } }),
      resolveFinding({
        current: admin,
        findingId: other.id,
        resolution: { action: "override", reason: "Compte public." },
      }),
    ]);
    expect(both.map((r) => r.outcome).sort()).toEqual(["already-resolved", "resolved"]);
  });

  it("a partner cannot resolve, and an unknown finding is not found", async () => {
    const { entries, current: partner, reviewer } = await approvedWithPersonalData();
    const finding = await prisma.personalDataFinding.findFirstOrThrow({
      where: { entryId: entries[0]!.id },
    });
    expect(
      await resolveFinding({
        current: partner,
        findingId: finding.id,
        resolution: { action: "confirm" },
      }),
    ).toEqual({ outcome: "not-found" });
    expect(
      await resolveFinding({
        current: reviewer,
        findingId: "nope",
        resolution: { action: "confirm" },
      }),
    ).toEqual({ outcome: "not-found" });
    expect(
      (await prisma.personalDataFinding.findUniqueOrThrow({ where: { id: finding.id } })).status,
    ).toBe("OPEN");
  });

  it("exports never publish unconfirmed findings: the dataset CSV masks them until decided", async () => {
    const { entries, reviewer, returnId, organisation } = await approvedWithPersonalData();
    const before = await csvText(organisation.id);
    for (const secret of [NATIONAL_NUMBER, IBAN, EMAIL, PHONE, nationalNumberDigits]) {
      expect(before).not.toContain(secret);
    }
    expect(before).toContain(MASK);
    for (const entry of entries) expect(before).toContain(entry.id);

    // Overridden: published as written; confirmed: still masked.
    const findings = await prisma.personalDataFinding.findMany({
      where: { entryId: { in: entries.map((e) => e.id) } },
    });
    for (const finding of findings) {
      await resolveFinding({
        current: reviewer,
        findingId: finding.id,
        resolution:
          finding.kind === "IBAN"
            ? { action: "override", reason: "Compte public de l'ASBL." }
            : { action: "confirm" },
      });
    }
    const after = await csvText(organisation.id);
    expect(after).toContain(IBAN);
    for (const secret of [NATIONAL_NUMBER, EMAIL, PHONE]) expect(after).not.toContain(secret);

    // The review page's list and the queue show them, resolved.
    const onPage = await returnFindings(returnId, "fr");
    expect(onPage).toHaveLength(entries.length);
    expect(onPage.flatMap((e) => e.findings).every((f) => f.status !== "OPEN")).toBe(true);
    const emailShown = onPage[0]!.findings.find((f) => f.kind === "EMAIL")!;
    expect(emailShown.excerpt.match).toBe(EMAIL);
    expect(emailShown.resolvedBy).toBe(reviewer.user.displayName);
    const queue = await screeningQueue({ status: "OVERRIDDEN", kind: "IBAN", page: 1 }, "nl");
    expect(queue.rows.length).toBeGreaterThanOrEqual(entries.length);
    expect(queue.rows.every((r) => r.kind === "IBAN" && r.status === "OVERRIDDEN")).toBe(true);
    expect(queue.rows.find((r) => r.entry.returnId === returnId)?.reason).toBe(
      "Compte public de l'ASBL.",
    );
  });
});
