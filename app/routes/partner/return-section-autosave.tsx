import type { Route } from "./+types/return-section-autosave";
import { can } from "~/modules/auth/permissions";
import { getCurrentUser } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";
import { MAX_UPLOAD_REQUEST_BYTES } from "~/modules/returns/attachments.server";
import { postedAnswers, postedVersion } from "~/modules/returns/section-form.server";
import { findSectionToFill, saveSectionAnswers } from "~/modules/returns/sections.server";
import { isCrossOriginPost } from "~/utils/http.server";
import { readFormData } from "~/utils/multipart.server";

// Autosave of a section's draft, answered in JSON for the page's script. Unlike the page's
// action, an ended session gets 401 with a recognisable body, never a redirect to the login
// page: the script keeps the typed text and asks the person to sign in again in another tab.
const headers = { "Cache-Control": "no-store" };
const json = (body: unknown, status = 200) => Response.json(body, { status, headers });

export async function action({ request, params }: Route.ActionArgs): Promise<Response> {
  langParam(params);
  if (isCrossOriginPost(request)) return json({ outcome: "forbidden" }, 403);
  const current = await getCurrentUser(request);
  if (!current) return json({ outcome: "session-expired" }, 401);
  if (!can(current.roles, "return:fill")) return json({ outcome: "not-found" }, 404);
  let form: FormData;
  try {
    form = await readFormData(request, MAX_UPLOAD_REQUEST_BYTES);
  } catch (error) {
    if (error instanceof Response) return json({ outcome: "invalid-request" }, error.status);
    throw error;
  }
  const baseVersion = postedVersion(form);
  if (baseVersion === null) return json({ outcome: "invalid-request" }, 400);
  const target = await findSectionToFill(current, params.returnId, params.sectionId);
  if (!target) return json({ outcome: "not-found" }, 404);
  const result = await saveSectionAnswers({
    current,
    target,
    baseVersion,
    answers: postedAnswers(form, target.definition.questions),
    mode: "draft",
    language: langParam(params),
  });
  switch (result.outcome) {
    case "saved":
    case "invalid":
      return json({
        outcome: "saved",
        version: result.version,
        savedAt: result.savedAt.toISOString(),
      });
    case "conflict":
      return json({ outcome: "conflict", theirs: result.theirs }, 409);
    // Sent, approved or its campaign closed since the page opened: the page says which.
    case "locked":
    case "approved":
    case "closed":
    case "not-sent-back":
      return json({ outcome: result.outcome }, 409);
    case "not-found":
      return json({ outcome: "not-found" }, 404);
  }
}
