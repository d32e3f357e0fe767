// Picks the largest demo return and signs one of its organisation's members in, directly in the
// benchmark database (before the server opens it: one process per PGlite folder).
import { openDatabase } from "../../app/utils/db/engine.server";
import { writeSession } from "../fixtures/sessions";

export interface BenchFixture {
  returnId: string;
  organisationSlug: string;
  organisationName: string;
  campaignYear: number;
  returnStatus: string;
  sectionCount: number;
  measureCount: number;
  /** The largest FUNDED_MEASURE section of that return. */
  sectionId: string;
  sectionSlotKey: string;
  sectionAnswersBytes: number;
  userEmail: string;
  /** Cookie value (the session secret); only its SHA-256 is in the database. */
  sessionSecret: string;
}

export async function prepareFixture(
  pgliteDir: string,
  databaseUrl?: string,
): Promise<BenchFixture> {
  const database = await openDatabase(
    databaseUrl ? { databaseUrl, migrate: false } : { pgliteDir, migrate: false },
  );
  const { prisma } = database;
  try {
    // Only returns still being filled in: submitted ones redirect to their confirmation page,
    // and a closed campaign's return is a read-only page (lighter than the one partners fill in).
    const returns = await prisma.annualReturn.findMany({
      where: { status: { in: ["NOT_STARTED", "IN_PROGRESS"] }, campaign: { status: "OPEN" } },
      select: {
        id: true,
        status: true,
        organisationId: true,
        organisation: { select: { slug: true, nameFr: true } },
        campaign: { select: { year: true } },
        sections: {
          select: { id: true, kind: true, slotKey: true, measureId: true, answers: true },
        },
      },
    });
    const ranked = returns
      .map((r) => ({
        ...r,
        measureCount: new Set(r.sections.map((s) => s.measureId).filter(Boolean)).size,
      }))
      .sort(
        (a, b) =>
          b.sections.length - a.sections.length ||
          b.measureCount - a.measureCount ||
          a.id.localeCompare(b.id),
      );
    const largest = ranked[0];
    if (!largest) throw new Error("The demo seed has no return still open.");

    // Its largest funded-measure block (most answers; ties: first slot).
    const sections = largest.sections
      .filter((s) => s.kind === "FUNDED_MEASURE")
      .map((s) => ({ ...s, answersBytes: JSON.stringify(s.answers ?? {}).length }))
      .sort((a, b) => b.answersBytes - a.answersBytes || a.slotKey.localeCompare(b.slotKey));
    const section = sections[0];
    if (!section) throw new Error(`Return ${largest.id} has no FUNDED_MEASURE section.`);

    // A member of the organisation (the demo has some; otherwise a benchmark-only member).
    let membership = await prisma.membership.findFirst({
      where: { organisationId: largest.organisationId, user: { active: true } },
      orderBy: { createdAt: "asc" },
      include: { user: { select: { id: true, email: true } } },
    });
    if (!membership) {
      const user = await prisma.user.create({
        data: { email: "bench.member@example.invalid", displayName: "Benchmark member" },
      });
      membership = await prisma.membership.create({
        data: { userId: user.id, organisationId: largest.organisationId },
        include: { user: { select: { id: true, email: true } } },
      });
    }

    const sessionSecret = await writeSession(prisma, membership.user.id);

    return {
      returnId: largest.id,
      organisationSlug: largest.organisation.slug,
      organisationName: largest.organisation.nameFr,
      campaignYear: largest.campaign.year,
      returnStatus: largest.status,
      sectionCount: largest.sections.length,
      measureCount: largest.measureCount,
      sectionId: section.id,
      sectionSlotKey: section.slotKey,
      sectionAnswersBytes: section.answersBytes,
      userEmail: membership.user.email,
      sessionSecret,
    };
  } finally {
    await database.close();
  }
}
