// Download of an attached file (a resource route). Scoped like the return itself: a partner
// gets only its organisations' files, staff any; anything else is the same 404. Files are
// always sent as attachments with their detected type and nosniff, never rendered inline.
import { open } from "node:fs/promises";
import { createReadableStreamFromReadable } from "@react-router/node";
import { requireUser } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";
import { findAttachmentForUser } from "~/modules/returns/attachments.server";
import { notFound } from "~/utils/http.server";

interface LoaderArgs {
  request: Request;
  params: { lang?: string; returnId?: string; attachmentId?: string };
}

/** RFC 6266: a plain ASCII name for old clients, the exact name in filename* for the rest. */
function contentDisposition(fileName: string) {
  const fallback = fileName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export async function loader({ request, params }: LoaderArgs) {
  const lang = langParam(params);
  const current = await requireUser(request, lang);
  if (!params.returnId || !params.attachmentId) notFound();
  const attachment = await findAttachmentForUser(current, params.returnId, params.attachmentId);
  if (!attachment) notFound();

  let file;
  try {
    file = await open(attachment.absolutePath, "r");
  } catch {
    console.warn(`Attachment ${attachment.id}: stored file is missing`);
    notFound();
  }
  const { size } = await file.stat();
  let body: ReadableStream<Uint8Array> | null = null;
  if (request.method === "HEAD") await file.close();
  else body = createReadableStreamFromReadable(file.createReadStream());
  const contentType = attachment.mimeType.startsWith("text/")
    ? `${attachment.mimeType}; charset=utf-8`
    : attachment.mimeType;
  return new Response(body, {
    headers: {
      "Content-Type": contentType,
      "Content-Length": String(size),
      "Content-Disposition": contentDisposition(attachment.fileName),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
