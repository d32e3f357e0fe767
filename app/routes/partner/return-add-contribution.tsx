import { useState } from "react";
import { useT } from "~/modules/i18n/use-t";
import { data, Form, href, redirect } from "react-router";
import type { Route } from "./+types/return-add-contribution";
import { ReturnCaption } from "~/components/return-header";
import { ErrorSummary } from "~/components/ui/error-summary";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { shownAsData, type Key } from "~/modules/i18n/keys";
import { langParam } from "~/modules/i18n/lang-param";
import { requireReturnToFill } from "~/modules/returns/access.server";
import { contributionsRefusal } from "~/modules/returns/status";
import { addContributionSchema } from "~/modules/returns/schema";
import { addOtherContribution } from "~/modules/returns/sections.server";
import { byTheme } from "~/modules/plan/measures";
import { measureOptions } from "~/modules/plan/measures.server";
import { returnHeader } from "~/modules/returns/view.server";

import { notFound } from "~/utils/http.server";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";
import { fieldErrors } from "~/utils/zod-errors";

async function load(request: Request, params: Route.LoaderArgs["params"]) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:fill");
  const loaded = await requireReturnToFill(current, lang, params.returnId);
  // Sent back for changes: its sections stay as reviewed; the task list says so.
  if (contributionsRefusal(loaded, loaded.campaign) === "sent-back")
    throw redirect(href("/:lang/partner/returns/:returnId", { lang, returnId: loaded.id }));
  return { lang, current, loaded };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { lang, loaded } = await load(request, params);
  const taken = new Set(loaded.sections.map((s) => s.measure?.code).filter(Boolean));
  const measures = (await measureOptions(loaded.campaign.planId, lang)).map((m) => ({
    ...m,
    taken: taken.has(m.code),
  }));
  return { lang, header: returnHeader(loaded, lang), measures };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { lang, current, loaded } = await load(request, params);
  const form = await readFormData(request, SMALL_FORM_BYTES);
  const values = { measure: String(form.get("measure") ?? "") };
  const parsed = addContributionSchema.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await addOtherContribution({
    current,
    returnId: loaded.id,
    measureCode: parsed.data.measure,
  });
  if (result.outcome === "invalid-measure")
    return data(
      { errors: { measure: "errors.measureInvalid" satisfies Key<"returns"> } },
      { status: 400 },
    );
  if (result.outcome === "created" || result.outcome === "exists") {
    throw redirect(
      href("/:lang/partner/returns/:returnId/sections/:sectionId", {
        lang,
        returnId: loaded.id,
        sectionId: result.sectionId,
      }),
    );
  }
  notFound();
}

export default function AddContribution({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("returns");
  const { lang, header, measures } = loaderData;
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors = { ...(actionData?.errors ?? {}), ...clientErrors };
  const error = errors.measure;
  return (
    <>
      <PageTitle title={t("addContribution.title")} hasErrors={Boolean(error)} />
      <ReturnCaption header={header} lang={lang} taskList />
      <ErrorSummary errors={{ "f-measure": error }} ns="returns" />
      <Form
        method="post"
        noValidate
        onSubmit={(event) => {
          const parsed = addContributionSchema.safeParse({
            measure: new FormData(event.currentTarget).get("measure") ?? "",
          });
          if (!parsed.success) {
            event.preventDefault();
            setClientErrors({
              measure: parsed.error.issues[0]?.message ?? "errors.measureRequired",
            });
          }
        }}
      >
        <div className={`form-group${error ? " form-group--error" : ""}`}>
          <h1>
            <label className="label label--l" htmlFor="f-measure">
              {t("addContribution.title")}
            </label>
          </h1>
          <div id="f-measure-hint" className="hint">
            {t("addContribution.hint")}
          </div>
          {error ? (
            <p id="f-measure-error" className="error-message">
              {t(error, shownAsData(error))}
            </p>
          ) : null}
          <select
            className="select"
            id="f-measure"
            name="measure"
            defaultValue=""
            aria-describedby={`f-measure-hint${error ? " f-measure-error" : ""}`}
            aria-invalid={error ? true : undefined}
          >
            <option value="">{t("addContribution.choose")}</option>
            {byTheme(measures).map(({ code, title, measures: inTheme }) => (
              <optgroup key={code} label={t("form.theme", { code, title })}>
                {inTheme.map((m) => (
                  <option key={m.code} value={m.code} disabled={m.taken}>
                    {m.code} – {m.title}
                    {m.taken ? ` (${t("addContribution.alreadyInReturn")})` : ""}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("addContribution.submit")}
        </button>
      </Form>
    </>
  );
}
