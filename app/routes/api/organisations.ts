// GET /api/v1/organisations: the directory's organisations (identifier, kind, FR and NL names).
import type { Route } from "./+types/organisations";
import { apiRoute, methodNotAllowed } from "~/modules/api/handler.server";
import { apiJson } from "~/modules/api/problem.server";
import { organisations } from "~/modules/api/reference.server";

export function loader({ request }: Route.LoaderArgs) {
  return apiRoute(request, "any-token", async (url) => apiJson(await organisations(request, url)));
}

export const action = methodNotAllowed;
