// A campaign's late partners as a CSV download (a resource route): the page's late list, all
// of it. Staff only; anyone else gets the same 404 as for a page that does not exist. Audited.
import type { Route } from "./+types/campaign-completeness-csv";
import { requirePermission } from "~/modules/auth/session.server";
import { findCompletenessCampaign } from "~/modules/completeness/completeness.server";
import { exportLateReturns } from "~/modules/completeness/csv.server";
import { langParam } from "~/modules/i18n/lang-param";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  const campaign = await findCompletenessCampaign(params.campaignId);
  if (!campaign) notFound();
  const { fileName, text } = await exportLateReturns(current, campaign, lang, new Date());
  return new Response(text, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      // The name is ASCII by construction: no filename* needed.
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
