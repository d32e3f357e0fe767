import type { Route } from "./+types/session-extend";
import { extendSession } from "~/modules/auth/session-expiry.server";
import { isCrossOriginPost } from "~/utils/http.server";

// The "stay signed in" button of the session warning (WCAG 2.2.1). A resource route: the
// router's Origin check does not run here, so it is made by hand.
export async function action({ request }: Route.ActionArgs) {
  const headers = { "Cache-Control": "no-store" };
  if (isCrossOriginPost(request))
    return Response.json({ outcome: "forbidden" }, { status: 403, headers });
  const extended = await extendSession(request);
  if (!extended) return Response.json({ outcome: "session-expired" }, { status: 401, headers });
  return Response.json(
    {
      outcome: "extended",
      expiresAt: extended.expiresAt.toISOString(),
      now: new Date().toISOString(),
    },
    { headers: { ...headers, "Set-Cookie": extended.setCookie } },
  );
}
