// What a section page's GET reads: each query through the driver adapter costs more than
// rendering a field (docs/benchmarks.md), so the page reads only what it shows, in as few queries
// as it can. The plan's measure list and a template's parsed definition are kept per process;
// a change (a new template version, measures added to the plan) is seen at once.
import { describe, expect, it } from "vitest";
import { createStaffUser } from "../fixtures/factories";
import { createCampaign, createFundedPartner, sectionsOf } from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import { sessionRequestCookie } from "../fixtures/sessions";
import { seedPlan } from "../../prisma/seed/load";
import { pgsp20212024 } from "../../prisma/seed/data/plan-pgsp-2021-2024";
import { findSessionWithUser } from "~/modules/auth/session-lookup.server";
import { createSession } from "~/modules/auth/session.server";
import { hashSecret } from "~/modules/auth/tokens.server";
import { measureOptions } from "~/modules/plan/measures.server";
import {
  readDefinition,
  saveTemplateVersion,
  definitionOfTemplate,
} from "~/modules/questionnaires/templates.server";
import type { TemplateDefinition } from "~/modules/questionnaires/definition";
import { loader as authenticatedLoader } from "~/routes/authenticated-layout";
import { loader as sectionLoader } from "~/routes/partner/return-section";
import { loader as rootLoader } from "~/root";
import * as rootModule from "~/root";
import * as langLayoutModule from "~/routes/lang-layout";
import * as authenticatedLayoutModule from "~/routes/authenticated-layout";
import * as sectionModule from "~/routes/partner/return-section";
import { routerFor } from "../fixtures/router-request";
import { countQueries, recordQueries } from "../fixtures/sql-recorder";
import { prisma } from "~/utils/db.server";

const world = setUpReturnWorld({ year: 2023 });

/** Every loader of the page for one request, called by hand with one request. */
async function getSectionPage(cookie: string, returnId: string, sectionId: string) {
  const path = `/fr/partner/returns/${returnId}/sections/${sectionId}`;
  const request = new Request(`http://localhost${path}`, { headers: { cookie } });
  const args = { request, params: { lang: "fr", returnId, sectionId }, context: {} } as never;
  const [root, layout, page] = await Promise.all([
    rootLoader(args),
    authenticatedLoader(args),
    sectionLoader(args),
  ]);
  return { root, layout, page };
}

async function signedIn(userId: string) {
  return sessionRequestCookie(await createSession(prisma, userId));
}

async function partnerWithReturn(campaignId = world.campaign.id) {
  const partner = await createFundedPartner(campaignId);
  const sections = await sectionsOf(partner.returnId);
  const block = sections.find((s) => s.kind === "FUNDED_MEASURE")!;
  return { ...partner, sections, block, cookie: await signedIn(partner.user.id) };
}

/** The status of what a loader threw (notFound() throws `data(…, { status })`). */
const status = (error: unknown) =>
  (error as { init?: { status?: number } } | null)?.init?.status ?? error;

describe("the section page's reads", () => {
  it("a warm page is two queries: the session with its user, the section with its return", async () => {
    const { cookie, returnId, block, user } = await partnerWithReturn();
    await getSectionPage(cookie, returnId, block.id);
    const { result, sql } = await recordQueries(() => getSectionPage(cookie, returnId, block.id));
    expect(sql).toHaveLength(2);
    // Neither the template's JSON nor the plan's measures are read again.
    expect(sql.join("\n")).not.toMatch(/"definition"|"Measure"\."position"/);
    expect(result.layout.sessionExpiresAt).not.toBeNull();
    expect(result.root.data.user).toMatchObject({ displayName: user.displayName, isPartner: true });
    expect(result.page.section).toMatchObject({
      id: block.id,
      title: expect.stringMatching(/^Mesure 2\.1 – /),
      version: 0,
      status: "NOT_STARTED",
    });
    expect(result.page.header).toMatchObject({ id: returnId, year: 2023, status: "NOT_STARTED" });
    // This section picks measures on a page of its own: none chosen yet, no titles sent.
    expect(result.page.measures).toEqual([]);
  });

  const sectionRouter = () =>
    routerFor([
      { id: "root", path: "", module: rootModule },
      { id: "routes/lang-layout", path: ":lang", module: langLayoutModule },
      { id: "routes/authenticated-layout", module: authenticatedLayoutModule },
      {
        id: "routes/partner/return-section",
        path: "partner/returns/:returnId/sections/:sectionId",
        module: sectionModule,
      },
    ]);

  it("through the router, the page's loaders share one request: one session lookup", async () => {
    // React Router copied the request for each loader unless `v8_passThroughRequests` is on;
    // the per-request session memo then missed, and a page looked the session up three times.
    const router = sectionRouter();
    const { cookie, returnId, block } = await partnerWithReturn();
    const url = `http://localhost/fr/partner/returns/${returnId}/sections/${block.id}.data`;
    const get = async () => {
      const response = await router(new Request(url, { headers: { cookie } }));
      const body = await response.text();
      return { status: response.status, body };
    };
    await get();
    const { result, sql } = await recordQueries(get);
    expect(result.status).toBe(200);
    expect(result.body).toContain(block.id);
    expect(sql.filter((query) => query.includes('FROM "Session"'))).toHaveLength(1);
    expect(sql).toHaveLength(2);
  });

  it("a signed-out client-side navigation is sent to log in, back to the page's own address", async () => {
    // The loaders see the data request's URL (`….data?_routes=…`); the address to come back to
    // must be the page's.
    const { returnId, block } = await partnerWithReturn();
    const page = `/fr/partner/returns/${returnId}/sections/${block.id}`;
    const response = await sectionRouter()(
      new Request(`http://localhost${page}.data?_routes=routes%2Fpartner%2Freturn-section`),
    );
    const body = await response.text();
    expect(body).toContain(`/fr/login?${new URLSearchParams({ redirectTo: page })}`);
    expect(body).not.toContain(".data");
  });

  it("sends the plan's measures only to a section that picks some", async () => {
    const { cookie, returnId, sections } = await partnerWithReturn();
    const organisation = sections.find((s) => s.kind === "ORGANISATION")!;
    const { page } = await getSectionPage(cookie, returnId, organisation.id);
    expect(page.questions.length).toBeGreaterThan(0);
    expect(page.measures).toEqual([]);
  });

  it("is a 404 for another organisation's section, and for a section of another return", async () => {
    const owner = await partnerWithReturn();
    const other = await partnerWithReturn();
    await expect(
      getSectionPage(other.cookie, owner.returnId, owner.block.id).catch(status),
    ).resolves.toBe(404);
    // The owner's section under the other's return id: no such section there.
    await expect(
      getSectionPage(owner.cookie, other.returnId, owner.block.id).catch(status),
    ).resolves.toBe(404);
    await expect(
      getSectionPage(owner.cookie, owner.returnId, other.block.id).catch(status),
    ).resolves.toBe(404);
  });

  it("a section's files and saved answers come with it", async () => {
    const { cookie, returnId, block } = await partnerWithReturn();
    await prisma.returnSection.update({
      where: { id: block.id },
      data: { answers: { actions: "Patrouilles" }, version: 3, status: "IN_PROGRESS" },
    });
    const files = ["b.pdf", "a.pdf"].map((fileName, i) =>
      prisma.attachment.create({
        data: {
          returnId,
          sectionId: block.id,
          questionId: "evidence",
          fileName,
          mimeType: "application/pdf",
          sizeBytes: 100 + i,
          sha256: "0".repeat(64),
          storageKey: `page-reads-${block.id}-${i}`,
          createdAt: new Date(Date.UTC(2024, 0, 1 + i)),
        },
      }),
    );
    const [first, second] = [await files[0]!, await files[1]!];
    const { page } = await getSectionPage(cookie, returnId, block.id);
    expect(page.section).toMatchObject({
      version: 3,
      status: "IN_PROGRESS",
      answers: { actions: "Patrouilles" },
    });
    expect(page.section.updatedAt).toBeInstanceOf(Date);
    expect(page.attachments).toEqual([
      { id: first.id, questionId: "evidence", fileName: "b.pdf", sizeBytes: 100 },
      { id: second.id, questionId: "evidence", fileName: "a.pdf", sizeBytes: 101 },
    ]);
  });
});

describe("the session lookup", () => {
  it("reads in one query what Prisma's include reads in three", async () => {
    const { user, organisation } = await partnerWithReturn();
    await prisma.membership.update({
      where: { userId_organisationId: { userId: user.id, organisationId: organisation.id } },
      data: { jobTitle: "Coordinatrice" },
    });
    const staff = await createStaffUser("ADMIN");
    await prisma.user.update({
      where: { id: staff.id },
      data: { totpSecret: "encrypted-secret", totpEnabledAt: new Date(), totpLastStep: 1 },
    });
    for (const person of [user, staff]) {
      const secret = await createSession(prisma, person.id);
      const id = hashSecret(secret);
      await prisma.session.update({ where: { id }, data: { secondFactorAt: new Date() } });
      const viaPrisma = await prisma.session.findUniqueOrThrow({
        where: { id },
        include: {
          user: {
            // Everything but the second factor's secret and last step (not for every request).
            omit: { totpSecret: true, totpLastStep: true },
            include: {
              memberships: {
                select: { organisationId: true, jobTitle: true },
                orderBy: [{ createdAt: "asc" }, { id: "asc" }],
              },
            },
          },
        },
      });
      const { queries, result } = await countQueries(() => findSessionWithUser(id));
      expect(queries).toBe(1);
      expect(result).toEqual(viaPrisma);
      expect(result?.user.memberships).toHaveLength(person === user ? 1 : 0);
      expect(result?.user).not.toHaveProperty("totpSecret");
    }
    expect(await findSessionWithUser(hashSecret("no-such-session"))).toBeNull();
  });
});

describe("kept per process", () => {
  it("a campaign on a new template version shows that version, the old one keeps its own", async () => {
    const v1 = await prisma.questionnaireTemplate.findUniqueOrThrow({
      where: { id: world.campaign.templateId },
    });
    const definition = structuredClone(readDefinition(v1)) as TemplateDefinition;
    const contribution = definition.sections.find((s) => s.id === "contribution")!;
    contribution.description = { fr: "Décrivez la version 2.", nl: "Beschrijf versie 2." };
    const { template: v2 } = await prisma.$transaction((tx) =>
      saveTemplateVersion(tx, definition, { publish: true }),
    );
    const campaign = await createCampaign(2024, v2.id);
    const before = await partnerWithReturn();
    const after = await partnerWithReturn(campaign.id);

    const oldPage = await getSectionPage(before.cookie, before.returnId, before.block.id);
    const newPage = await getSectionPage(after.cookie, after.returnId, after.block.id);
    expect(newPage.page.section.description).toBe("Décrivez la version 2.");
    expect(oldPage.page.section.description).not.toBe("Décrivez la version 2.");
    // The definition read by id and checksum is the same parsed object each time.
    expect(await definitionOfTemplate(v2)).toBe(await definitionOfTemplate(v2));
  });

  it("measures the seed adds to a plan are on the next page", async () => {
    const plan = {
      ...structuredClone(pgsp20212024),
      code: "PAGE-READS-TEST",
      themes: structuredClone(pgsp20212024.themes.slice(0, 1)),
    };
    await seedPlan(prisma, plan);
    const { id: planId } = await prisma.plan.findUniqueOrThrow({ where: { code: plan.code } });
    const first = await measureOptions(planId, "fr");
    expect(first.map((m) => m.code)).not.toContain("1.99");

    const unchanged = await recordQueries(() => measureOptions(planId, "fr"));
    expect(unchanged.result).toBe(first);
    expect(unchanged.sql).toHaveLength(1); // the plan's updatedAt, not its measures

    plan.themes[0]!.measures.push({
      code: "1.99",
      title: { fr: "Une mesure ajoutée", nl: "Een toegevoegde maatregel" },
      textToVerify: false,
    });
    await seedPlan(prisma, plan);
    const added = await measureOptions(planId, "nl");
    expect(added.find((m) => m.code === "1.99")).toMatchObject({
      title: "Een toegevoegde maatregel",
    });
    expect((await measureOptions(planId, "fr")).map((m) => m.code)).toContain("1.99");
  });
});
