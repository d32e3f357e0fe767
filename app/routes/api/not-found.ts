// Any other path under /api: a problem document, not the site's HTML 404 page.
import { ApiProblem } from "~/modules/api/problem.server";

const answer = () =>
  new ApiProblem(404, "No such API endpoint: see /api/v1/openapi.json.").toResponse();

export const loader = answer;
export const action = answer;
