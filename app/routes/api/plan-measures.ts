// GET /api/v1/plans/:code/measures: a plan's themes and measures, stable codes, FR and NL titles.
import type { Route } from "./+types/plan-measures";
import { apiRoute, methodNotAllowed } from "~/modules/api/handler.server";
import { apiJson } from "~/modules/api/problem.server";
import { answerFormat, codeParameter, readParameters } from "~/modules/api/query.server";
import { planMeasures } from "~/modules/api/reference.server";

export function loader({ request, params }: Route.LoaderArgs) {
  return apiRoute(request, "any-token", async (url) => {
    readParameters(url, []);
    answerFormat(request, undefined, ["json"]);
    const code = codeParameter("code", params.code) ?? "";
    return apiJson(await planMeasures(code));
  });
}

export const action = methodNotAllowed;
