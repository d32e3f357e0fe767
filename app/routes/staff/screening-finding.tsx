import { useT } from "~/modules/i18n/use-t";
import { data, href, Link, redirect, type ShouldRevalidateFunctionArgs } from "react-router";
import type { Route } from "./+types/screening-finding";
import { ErrorSummaryBox } from "~/components/ui/error-summary";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { formatDateTime } from "~/modules/i18n/format";
import { shownAsData } from "~/modules/i18n/keys";
import { langParam } from "~/modules/i18n/lang-param";
import type { Language } from "~/modules/i18n/languages";
import { FindingCard } from "~/modules/screening/components/finding-card";
import { findingById } from "~/modules/screening/findings.server";
import { resolutionFields, resolutionFormSchema } from "~/modules/screening/resolution";
import { resolveFinding } from "~/modules/screening/resolve.server";
import { badRequest, notFound, safeRedirectPath } from "~/utils/http.server";
import { readFormData } from "~/utils/multipart.server";

// Staff: one possible piece of personal data, and the action its forms post to (from this
// page, the review page of its return and the screening queue). Done: back where the form
// was, with a status message. Refused: this page, with the error and what was typed; resolved
// meanwhile by someone else (409): this page as it now stands, saying who resolved it.

/** Where a form may send the reviewer back: a staff page of this site, in this language. */
function returnPath(target: unknown, lang: Language) {
  const queue = href("/:lang/staff/screening", { lang });
  const path = safeRedirectPath(target, queue);
  return path.startsWith(`/${lang}/staff/`) ? path : queue;
}

// A reason or a wording pasted far over its limit (the schema reads up to 20,000 characters,
// up to 6 bytes each once form-encoded) is answered by the form, with the text kept, rather
// than refused whole.
const RESOLUTION_FORM_BYTES = 128 * 1024;

export async function loader({ request, params, url }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "screening:resolve");
  const finding = await findingById(params.findingId, lang);
  if (!finding) notFound();
  return { lang, finding, returnTo: returnPath(url.searchParams.get("returnTo"), lang) };
}

export async function action({ request, params, url }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "screening:resolve");
  const form = await readFormData(request, RESOLUTION_FORM_BYTES);
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") badRequest();
    fields[name] = value;
  }
  const resolution = resolutionFormSchema.safeParse(fields);
  if (!resolution.success) badRequest();
  const returnTo = returnPath(fields.returnTo ?? url.searchParams.get("returnTo"), lang);
  const result = await resolveFinding({
    current,
    findingId: params.findingId,
    resolution: resolution.data,
  });
  if (result.outcome === "not-found") notFound();
  switch (result.outcome) {
    case "resolved": {
      const [withoutHash, hash] = returnTo.split("#", 2);
      const url = new URL(withoutHash!, "http://local.invalid");
      url.searchParams.set("screened", result.status);
      throw redirect(`${url.pathname}${url.search}${hash ? `#${hash}` : ""}`);
    }
    case "invalid": {
      const fieldId = resolutionFields[result.field](params.findingId);
      return data(
        {
          returnTo,
          errors: { [fieldId]: result.error } as Record<string, string>,
          values: {
            replacement: fields.replacement ?? "",
            reason: fields.reason ?? "",
          },
          conflict: null,
        },
        { status: 400 },
      );
    }
    case "already-resolved":
      return data(
        {
          returnTo,
          errors: {} as Record<string, string>,
          values: {},
          conflict: {
            status: result.status,
            resolvedBy: result.resolvedBy,
            resolvedAt: result.resolvedAt,
          },
        },
        { status: 409 },
      );
  }
}

/** After a refusal because someone resolved it meanwhile, the page shows it as it now stands. */
export function shouldRevalidate({
  actionStatus,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  if (actionStatus === 409) return true;
  return defaultShouldRevalidate;
}

export default function StaffScreeningFinding({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT(["screening", "common"]);
  const { lang, finding, returnTo } = loaderData;
  const queue = href("/:lang/staff/screening", { lang });
  const errors = actionData?.errors ?? {};
  const conflict = actionData?.conflict ?? null;
  const items = Object.entries(errors).map(([field, key]) => ({
    field,
    text: t(key, shownAsData(key)),
  }));
  const title = t("finding.title");
  return (
    <>
      <PageTitle title={title} hasErrors={items.length > 0 || conflict !== null} />
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={queue}>{t("queue.title")}</Link>
          </li>
        </ol>
      </nav>
      {items.length > 0 ? <ErrorSummaryBox items={items} focusKey={actionData} /> : null}
      {conflict ? (
        <ErrorSummaryBox focusKey={actionData}>
          <p>
            {conflict.resolvedBy
              ? t("errors.alreadyResolved", {
                  name: conflict.resolvedBy,
                  date: conflict.resolvedAt ? formatDateTime(conflict.resolvedAt, lang) : "",
                  status: t(`statuses.${conflict.status}`),
                })
              : t("errors.alreadyResolvedSomeone", { status: t(`statuses.${conflict.status}`) })}
          </p>
        </ErrorSummaryBox>
      ) : null}
      <h1>{title}</h1>
      <FindingCard
        finding={finding}
        entry={finding.entry}
        lang={lang}
        returnTo={returnTo}
        canResolve
        headingLevel={2}
        state={{ errors, values: actionData?.values }}
      />
      <p>
        <Link to={returnTo}>
          {returnTo.startsWith(queue) ? t("queue.back") : t("finding.back")}
        </Link>
      </p>
    </>
  );
}
