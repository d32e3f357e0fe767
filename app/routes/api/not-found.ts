// Any other path under /api: a problem document, not the site's HTML 404 page.
import { ApiProblem, apiLanguage } from "~/modules/api/problem.server";

const answer = ({ request }: { request: Request }) =>
  new ApiProblem(404, "noEndpoint").toResponse(apiLanguage(request));

export const loader = answer;
export const action = answer;
