import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { asCurrent, createStaffUser } from "../fixtures/factories";
import {
  sampleDocx,
  sampleExe,
  sampleHtml,
  samplePdf,
  sampleScript,
  sampleSvg,
} from "../fixtures/files/synthetic";
import { createAttachmentsCampaign, createPartnerReturn } from "../fixtures/files/return-world";
import { createSession, type CurrentUser } from "~/modules/auth/session.server";
import { sessionRequestCookie } from "../fixtures/sessions";
import {
  addAttachment,
  findAttachmentForUser,
  MAX_ATTACHMENT_BYTES,
  removeAttachment,
} from "~/modules/returns/attachments.server";
import { loader as downloadLoader } from "~/routes/partner/return-attachment";
import { prisma } from "~/utils/db.server";
import { readFormData } from "~/utils/multipart.server";

const fsControl = vi.hoisted(() => ({ failRename: false }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const rename: typeof actual.rename = async (from, to) => {
    if (fsControl.failRename) throw Object.assign(new Error("simulated"), { code: "EIO" });
    return actual.rename(from, to);
  };
  return { ...actual, default: { ...actual, rename }, rename };
});

let campaignId: string;
beforeAll(async () => {
  campaignId = (await createAttachmentsCampaign()).id;
});

/** A partner's return, with an upload helper for its attachments question. */
async function partnerReturn() {
  const world = await createPartnerReturn(campaignId);
  const { current, returnId, sectionId } = world;
  const upload = (bytes: Uint8Array, name: string, as: CurrentUser = current, maxFiles = 2) =>
    addAttachment({
      current: as,
      returnId,
      sectionId,
      questionId: "documents",
      file: new File([new Uint8Array(bytes)], name, { type: "application/pdf" }),
      maxFiles,
    });
  return { ...world, upload };
}

let uploads: string;
beforeEach(async () => {
  uploads = await mkdtemp(path.join(os.tmpdir(), "attachments-test-"));
  process.env.UPLOAD_DIR = uploads;
});
afterEach(async () => {
  fsControl.failRename = false;
  vi.restoreAllMocks();
  delete process.env.UPLOAD_DIR;
  await rm(uploads, { recursive: true, force: true });
});

const storedFiles = () => readdir(uploads);
const rowsOf = (returnId: string) => prisma.attachment.count({ where: { returnId } });

describe("addAttachment", () => {
  it("stores a PDF: one row, its exact bytes under a random key, sha256, audit", async () => {
    const { upload, returnId, organisation } = await partnerReturn();
    const result = await upload(samplePdf, "Rapport annuel.pdf");
    expect(result).toMatchObject({
      outcome: "added",
      attachment: {
        fileName: "Rapport annuel.pdf",
        mimeType: "application/pdf",
        sizeBytes: samplePdf.length,
      },
    });
    const row = await prisma.attachment.findFirstOrThrow({ where: { returnId } });
    expect(row.sha256).toBe(createHash("sha256").update(samplePdf).digest("hex"));
    expect(row.storageKey).toMatch(/^[0-9a-f]{32}$/);
    expect(await storedFiles()).toEqual([row.storageKey]); // no temporary file left behind
    expect(await readFile(path.join(uploads, row.storageKey))).toEqual(samplePdf);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "return.attachment-added", targetType: "AnnualReturn", targetId: returnId },
    });
    expect(audit.organisationId).toBe(organisation.id);
    expect(audit.details).toMatchObject({ attachmentId: row.id, sectionId: row.sectionId });
    expect(JSON.stringify(audit.details)).not.toContain("Rapport");
    const annualReturn = await prisma.annualReturn.findUniqueOrThrow({ where: { id: returnId } });
    expect(annualReturn.status).toBe("IN_PROGRESS");
  });

  it("trusts the content, not the name nor the browser's type", async () => {
    const { upload } = await partnerReturn();
    expect(await upload(samplePdf, "x.png")).toMatchObject({
      attachment: { fileName: "x.pdf", mimeType: "application/pdf" },
    });
    expect(await upload(sampleDocx, "notes")).toMatchObject({
      attachment: { fileName: "notes.docx", mimeType: expect.stringContaining("wordprocessingml") },
    });
  });

  it.each([
    ["an executable", sampleExe],
    ["HTML", sampleHtml],
    ["SVG", sampleSvg],
    ["a script", sampleScript],
  ])("refuses %s renamed .pdf, storing nothing", async (_label, bytes) => {
    const { upload, returnId } = await partnerReturn();
    expect(await upload(bytes, "document.pdf")).toEqual({
      outcome: "invalid",
      error: "attachmentType",
    });
    expect(await rowsOf(returnId)).toBe(0);
    expect(await storedFiles()).toEqual([]);
  });

  it("refuses an empty file and one over 10 MB", async () => {
    const { upload, returnId } = await partnerReturn();
    expect(await upload(new Uint8Array(0), "empty.pdf")).toEqual({
      outcome: "invalid",
      error: "attachmentEmpty",
    });
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x20);
    samplePdf.copy(big);
    expect(await upload(big, "big.pdf")).toEqual({ outcome: "invalid", error: "attachmentSize" });
    const justRight = big.subarray(0, MAX_ATTACHMENT_BYTES);
    expect(await upload(justRight, "max.pdf")).toMatchObject({ outcome: "added" });
    expect(await rowsOf(returnId)).toBe(1);
  });

  it("enforces the number of files per question", async () => {
    const { upload, returnId } = await partnerReturn();
    expect(await upload(samplePdf, "1.pdf")).toMatchObject({ outcome: "added" });
    expect(await upload(samplePdf, "2.pdf")).toMatchObject({ outcome: "added" });
    expect(await upload(samplePdf, "3.pdf")).toEqual({
      outcome: "invalid",
      error: "attachmentCount",
    });
    expect(await rowsOf(returnId)).toBe(2);
    expect(await storedFiles()).toHaveLength(2);
  });

  it("keeps the limit when uploads race (the return row is locked)", async () => {
    const { upload, returnId } = await partnerReturn();
    const names = ["1.pdf", "2.pdf", "3.pdf", "4.pdf"];
    const results = await Promise.all(names.map((name) => upload(samplePdf, name)));
    expect(results.filter((r) => r.outcome === "added")).toHaveLength(2);
    expect(await rowsOf(returnId)).toBe(2);
    expect(await storedFiles()).toHaveLength(2);
  });

  it("sanitises a ../ name and keeps the bytes inside the upload folder", async () => {
    const { upload, returnId, current } = await partnerReturn();
    const result = await upload(samplePdf, "../../etc/passwd.pdf");
    expect(result).toMatchObject({ outcome: "added", attachment: { fileName: "passwd.pdf" } });
    if (result.outcome !== "added") throw new Error("not added");
    const found = await findAttachmentForUser(current, returnId, result.attachment.id);
    expect(path.dirname(found?.absolutePath ?? "")).toBe(uploads);
    expect(await upload(samplePdf, "../..")).toEqual({
      outcome: "invalid",
      error: "attachmentName",
    });
  });

  it("another organisation's user, or staff, gets not-found and nothing is stored", async () => {
    const { upload, returnId } = await partnerReturn();
    const other = await partnerReturn();
    const reviewer = await asCurrent((await createStaffUser("REVIEWER")).id);
    expect(await upload(samplePdf, "x.pdf", other.current)).toEqual({ outcome: "not-found" });
    expect(await upload(samplePdf, "x.pdf", reviewer)).toEqual({ outcome: "not-found" });
    expect(await rowsOf(returnId)).toBe(0);
    expect(await storedFiles()).toEqual([]);
  });

  it("refuses a question id that is not an attachments question of the section", async () => {
    const { current, returnId, sectionId } = await partnerReturn();
    for (const questionId of ["remarks", "unknown"]) {
      const file = new File([samplePdf], "x.pdf");
      const result = await addAttachment({
        current,
        returnId,
        sectionId,
        questionId,
        file,
        maxFiles: 5,
      });
      expect(result).toEqual({ outcome: "not-found" });
    }
  });

  it("a submitted return is locked for adding and removing", async () => {
    const { upload, returnId, sectionId, current } = await partnerReturn();
    const added = await upload(samplePdf, "x.pdf");
    if (added.outcome !== "added") throw new Error("not added");
    await prisma.annualReturn.update({ where: { id: returnId }, data: { status: "SUBMITTED" } });
    expect(await upload(samplePdf, "y.pdf")).toEqual({ outcome: "locked" });
    const attachmentId = added.attachment.id;
    expect(await removeAttachment({ current, returnId, sectionId, attachmentId })).toEqual({
      outcome: "locked",
    });
    expect(await rowsOf(returnId)).toBe(1);
    expect(await storedFiles()).toHaveLength(1);
  });

  it("rolls the row back when the file cannot be put in place", async () => {
    const { upload, returnId, organisation } = await partnerReturn();
    fsControl.failRename = true;
    await expect(upload(samplePdf, "x.pdf")).rejects.toThrow("simulated");
    expect(await rowsOf(returnId)).toBe(0);
    const audits = await prisma.auditEvent.count({
      where: { action: "return.attachment-added", organisationId: organisation.id },
    });
    expect(audits).toBe(0);
    const annualReturn = await prisma.annualReturn.findUniqueOrThrow({ where: { id: returnId } });
    expect(annualReturn.status).toBe("NOT_STARTED");
    expect(await storedFiles()).toEqual([]);
  });

  it("removes the file when the transaction fails after it was put in place", async () => {
    const { upload, returnId } = await partnerReturn();
    const original = prisma.$transaction.bind(prisma);
    vi.spyOn(prisma, "$transaction").mockImplementationOnce((async (
      fn: (tx: unknown) => Promise<unknown>,
    ) =>
      original(async (tx) => {
        await fn(tx);
        throw new Error("commit failed");
      })) as never);
    await expect(upload(samplePdf, "x.pdf")).rejects.toThrow("commit failed");
    expect(await rowsOf(returnId)).toBe(0);
    expect(await storedFiles()).toEqual([]);
  });
});

describe("removeAttachment and findAttachmentForUser", () => {
  it("removes the row, the file, and audits it; others get not-found", async () => {
    const { upload, returnId, sectionId, current } = await partnerReturn();
    const other = await partnerReturn();
    const added = await upload(samplePdf, "x.pdf");
    if (added.outcome !== "added") throw new Error("not added");
    const attachmentId = added.attachment.id;
    const asOther = { current: other.current, returnId, sectionId, attachmentId };
    expect(await removeAttachment(asOther)).toEqual({ outcome: "not-found" });
    expect(await storedFiles()).toHaveLength(1);
    const wrongSection = { current, returnId, sectionId: other.sectionId, attachmentId };
    expect(await removeAttachment(wrongSection)).toEqual({ outcome: "not-found" });
    expect(await removeAttachment({ current, returnId, sectionId, attachmentId })).toEqual({
      outcome: "removed",
    });
    expect(await rowsOf(returnId)).toBe(0);
    expect(await storedFiles()).toEqual([]);
    const audits = await prisma.auditEvent.count({
      where: {
        action: "return.attachment-removed",
        targetId: returnId,
        details: { path: ["attachmentId"], equals: attachmentId },
      },
    });
    expect(audits).toBe(1);
    expect(await removeAttachment({ current, returnId, sectionId, attachmentId })).toEqual({
      outcome: "not-found",
    });
  });

  it("finds a file for its organisation and staff only", async () => {
    const { upload, returnId, current } = await partnerReturn();
    const other = await partnerReturn();
    const reviewer = await asCurrent((await createStaffUser("REVIEWER")).id);
    const added = await upload(samplePdf, "x.pdf");
    if (added.outcome !== "added") throw new Error("not added");
    const id = added.attachment.id;
    expect(await findAttachmentForUser(current, returnId, id)).toMatchObject({
      id,
      fileName: "x.pdf",
    });
    expect(await findAttachmentForUser(reviewer, returnId, id)).toMatchObject({ id });
    expect(await findAttachmentForUser(other.current, returnId, id)).toBeNull();
    expect(await findAttachmentForUser(other.current, other.returnId, id)).toBeNull();
  });
});

describe("download route", () => {
  async function requestAs(userId: string | null, url: string) {
    const headers = new Headers();
    if (userId) {
      const secret = await prisma.$transaction((tx) => createSession(tx, userId));
      headers.set("cookie", await sessionRequestCookie(secret));
    }
    return new Request(`http://127.0.0.1:3000${url}`, { headers });
  }
  const statusOf = (thrown: unknown) =>
    thrown instanceof Response
      ? thrown.status
      : (thrown as { init?: { status?: number } }).init?.status;

  it("streams the file as an attachment to its organisation only", async () => {
    const { upload, returnId, current } = await partnerReturn();
    const other = await partnerReturn();
    const added = await upload(samplePdf, "Bilan été 2025.pdf");
    if (added.outcome !== "added") throw new Error("not added");
    const params = { lang: "fr", returnId, attachmentId: added.attachment.id };
    const url = `/fr/partner/returns/${returnId}/attachments/${added.attachment.id}`;

    const response = await downloadLoader({
      request: await requestAs(current.user.id, url),
      params,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-length")).toBe(String(samplePdf.length));
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="Bilan ete 2025.pdf"; filename*=UTF-8''Bilan%20%C3%A9t%C3%A9%202025.pdf`,
    );
    expect(Buffer.from(await response.arrayBuffer())).toEqual(samplePdf);

    const denied = await downloadLoader({
      request: await requestAs(other.current.user.id, url),
      params,
    }).catch((e: unknown) => e);
    expect(statusOf(denied)).toBe(404);
    const anonymous = await downloadLoader({ request: await requestAs(null, url), params }).catch(
      (e: unknown) => e,
    );
    expect(statusOf(anonymous)).toBe(302);
  });

  it("answers 404 when the stored file has disappeared", async () => {
    const { upload, returnId, current } = await partnerReturn();
    const added = await upload(samplePdf, "x.pdf");
    if (added.outcome !== "added") throw new Error("not added");
    await rm(path.join(uploads, (await storedFiles())[0] ?? "missing"));
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const params = { lang: "nl", returnId, attachmentId: added.attachment.id };
    const thrown = await downloadLoader({
      request: await requestAs(current.user.id, "/nl/x"),
      params,
    }).catch((e: unknown) => e);
    expect(statusOf(thrown)).toBe(404);
  });
});

describe("readFormData", () => {
  const boundary = "----test-boundary";
  const contentType = `multipart/form-data; boundary=${boundary}`;
  const multipart = (fileName: string, content: Buffer) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
          "Content-Type: application/pdf\r\n\r\n",
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    new Request("http://127.0.0.1/upload", {
      method: "POST",
      body,
      headers: { "content-type": contentType, ...headers },
      duplex: "half",
    } as RequestInit);
  const statusOf = (p: Promise<unknown>) =>
    p.then(
      () => 200,
      (e: unknown) => (e as Response).status,
    );

  it("parses a normal body, and the file then goes through addAttachment's checks", async () => {
    const form = await readFormData(
      post(multipart("../../etc/passwd.pdf", samplePdf)),
      1024 * 1024,
    );
    expect(form.get("intent")).toBe("upload");
    const file = form.get("file");
    if (!(file instanceof File)) throw new Error("no file");
    expect(Buffer.from(await file.arrayBuffer())).toEqual(samplePdf);
    const { current, returnId, sectionId } = await partnerReturn();
    const result = await addAttachment({
      current,
      returnId,
      sectionId,
      questionId: "documents",
      file,
      maxFiles: 2,
    });
    expect(result).toMatchObject({ outcome: "added", attachment: { fileName: "passwd.pdf" } });
  });

  it("413 on a declared Content-Length over the limit, before reading", async () => {
    expect(
      await statusOf(readFormData(post("small", { "content-length": "999999999" }), 1000)),
    ).toBe(413);
  });

  it("413 on a body that streams past the limit without Content-Length, and stops reading", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    expect(await statusOf(readFormData(post(endless), 1024 * 1024))).toBe(413);
    expect(pulled).toBeLessThan(40);
  });

  it("400 quickly on truncated or garbage multipart and on other content types", async () => {
    const started = Date.now();
    const whole = multipart("x.pdf", Buffer.alloc(2 * 1024 * 1024, 0x41));
    expect(
      await statusOf(readFormData(post(whole.subarray(0, whole.length - 100)), 4 * 1024 * 1024)),
    ).toBe(400);
    expect(await statusOf(readFormData(post("garbage"), 1000))).toBe(400);
    expect(await statusOf(readFormData(post("a", { "content-type": "text/plain" }), 1000))).toBe(
      400,
    );
    expect(
      await statusOf(readFormData(post("", { "content-type": "multipart/form-data" }), 1000)),
    ).toBe(400);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
