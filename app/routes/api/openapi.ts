// GET /api/v1/openapi.json: the API's OpenAPI 3.1 description, public (it holds no data).
import type { Route } from "./+types/openapi";
import { apiRoute, methodNotAllowed } from "~/modules/api/handler.server";
import { openApiDocument } from "~/modules/api/openapi";
import { apiJson } from "~/modules/api/problem.server";
import { answerFormat, readParameters } from "~/modules/api/query.server";

export function loader({ request }: Route.LoaderArgs) {
  return apiRoute(request, "public", async (url) => {
    readParameters(url, []);
    answerFormat(request, undefined, ["json"]);
    return apiJson(openApiDocument);
  });
}

export const action = methodNotAllowed;
