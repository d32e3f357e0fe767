import { randomBytes } from "node:crypto";
import { useT } from "~/modules/i18n/use-t";
import { data, Form, href, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/return-check";
import { ReturnAnswers } from "~/components/return-answers";
import { ReturnCaption } from "~/components/return-header";
import { ErrorSummaryBox } from "~/components/ui/error-summary";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";
import { requireReturnToFill } from "~/modules/returns/access.server";
import { returnAnswersView } from "~/modules/returns/answers-view.server";
import { submitReturnSchema } from "~/modules/returns/schema";
import { submitReturn } from "~/modules/returns/submit.server";
import { measureOptions } from "~/modules/plan/measures.server";
import { sectionEditRefusal } from "~/modules/returns/status";
import { returnHeader } from "~/modules/returns/view.server";
import { env } from "~/utils/env.server";
import { badRequest, notFound } from "~/utils/http.server";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:fill");
  const loaded = await requireReturnToFill(current, lang, params.returnId);
  const incomplete = loaded.sections.filter((s) => s.status !== "COMPLETED").length;
  return {
    // A return sent back for changes: only the sections sent back can be changed.
    changeable: loaded.sections
      .filter((s) => !sectionEditRefusal(loaded, loaded.campaign, s))
      .map((s) => s.id),
    lang,
    header: returnHeader(loaded, lang),
    sections: returnAnswersView(loaded, lang),
    measures: await measureOptions(loaded.campaign.planId, lang),
    incomplete,
    // A fresh key per rendering of this page: resubmitting the same page is one submission.
    submissionKey: randomBytes(18).toString("base64url"),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:fill");
  const parsed = submitReturnSchema.safeParse({
    submissionKey: (await readFormData(request, SMALL_FORM_BYTES)).get("submissionKey"),
  });
  if (!parsed.success) badRequest();
  const result = await submitReturn({
    current,
    returnId: params.returnId,
    submissionKey: parsed.data.submissionKey,
    language: lang,
    baseUrl: env.publicUrl,
  });
  if (result.outcome === "not-found") notFound();
  if (
    result.outcome === "incomplete" ||
    result.outcome === "changed" ||
    result.outcome === "closed" ||
    result.outcome === "past-grace"
  ) {
    return data({ problem: result.outcome }, { status: 409 });
  }
  throw redirect(
    href("/:lang/partner/returns/:returnId/confirmation", { lang, returnId: params.returnId }),
  );
}

export default function ReturnCheck({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("returns");
  const navigation = useNavigation();
  const { lang, header, sections, measures, incomplete, submissionKey, changeable } = loaderData;
  const returnId = header.id;
  return (
    <>
      <PageTitle title={t("check.title")} hasErrors={Boolean(actionData?.problem)} />
      <ReturnCaption header={header} lang={lang} taskList />
      {actionData?.problem ? (
        <ErrorSummaryBox focusKey={actionData}>
          <p>{t(`check.problem.${actionData.problem}`)}</p>
        </ErrorSummaryBox>
      ) : null}
      <h1>{t("check.title")}</h1>
      <ReturnAnswers
        sections={sections}
        lang={lang}
        measures={measures}
        attachmentUrl={(attachmentId) =>
          href("/:lang/partner/returns/:returnId/attachments/:attachmentId", {
            lang,
            returnId,
            attachmentId,
          })
        }
        changeUrl={(sectionId) =>
          changeable.includes(sectionId)
            ? href("/:lang/partner/returns/:returnId/sections/:sectionId", {
                lang,
                returnId,
                sectionId,
              })
            : null
        }
      />
      <h2>{t("check.submitTitle")}</h2>
      {incomplete > 0 ? (
        <p className="inset">{t("check.incomplete", { count: incomplete })}</p>
      ) : (
        <>
          <p>{t("check.submitBody")}</p>
          <Form method="post">
            <input type="hidden" name="submissionKey" value={submissionKey} />
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {t("check.submit")}
            </button>
          </Form>
        </>
      )}
    </>
  );
}
