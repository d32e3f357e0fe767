import { useTranslation } from "react-i18next";
import { data, Link, redirect, type ShouldRevalidateFunctionArgs } from "react-router";
import type { Route } from "./+types/return-section";
import { ClosedNotice, ReturnCaption, SectionHeading } from "~/components/return-header";
import { requirePermission } from "~/modules/auth/session.server";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { langParam } from "~/modules/i18n/lang-param";
import type { RawAnswers } from "~/modules/questionnaires/answers";
import { SectionForm } from "~/modules/questionnaires/components/section-form";
import { findReturnForUser } from "~/modules/returns/access.server";
import {
  addAttachment,
  MAX_UPLOAD_REQUEST_BYTES,
  removeAttachment,
} from "~/modules/returns/attachments.server";
import { applyRowIntent, parseIntent, postedAnswers } from "~/modules/returns/section-form.server";
import { saveSection, sectionDefinitionOf } from "~/modules/returns/sections.server";
import { editRefusal, isSubmitted } from "~/modules/returns/status";
import { measureOptions } from "~/modules/plan/measures.server";
import { withDeclarant } from "~/modules/returns/declaration";
import { inLanguage, returnHeader, taskItem } from "~/modules/returns/view.server";
import { badRequest, notFound } from "~/utils/http.server";
import { readFormData } from "~/utils/multipart.server";

async function loadSection(request: Request, params: Route.LoaderArgs["params"]) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:fill");
  const loaded = await findReturnForUser(current, params.returnId);
  if (!loaded || !current.organisationIds.includes(loaded.organisationId)) notFound();
  const index = loaded.sections.findIndex((s) => s.id === params.sectionId);
  const section = loaded.sections[index];
  if (!section) notFound();
  const definition = sectionDefinitionOf(loaded.definition, section.templateSection);
  return { lang, current, loaded, section, index, definition };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { lang, current, loaded, section, index, definition } = await loadSection(request, params);
  if (isSubmitted(loaded)) throw redirect(`/${lang}/partner/returns/${loaded.id}/confirmation`);
  const t = getFixedT(lang);
  const next = loaded.sections[index + 1];
  return {
    lang,
    header: returnHeader(loaded, lang),
    // A closed campaign's return is shown read-only; its saves are refused (status.ts).
    closed: editRefusal(loaded, loaded.campaign) === "closed",
    // The browser keeps unsaved text under this key until the server has it (one per person).
    draftKey: `sb-draft:${loaded.id}:${section.id}:${current.user.id}`,
    section: {
      ...taskItem(section, loaded, lang, t),
      version: section.version,
      answers: withDeclarant(
        section.answers as RawAnswers,
        section,
        definition.questions.map((q) => q.id),
        current.user,
        loaded.organisationId,
      ),
      updatedAt: section.updatedAt,
      description: definition.description?.[lang] ?? null,
      removable: section.kind === "OTHER_CONTRIBUTION",
    },
    questions: inLanguage(definition.questions, lang),
    measures: await measureOptions(loaded.campaign.planId, lang),
    attachments: section.attachments.map((a) => ({
      id: a.id,
      questionId: a.questionId,
      fileName: a.fileName,
      sizeBytes: a.sizeBytes,
    })),
    nextSectionId: next?.id ?? null,
  };
}

export function shouldRevalidate({
  formData,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  // Autosaves answer with the new version; reloading would reset what is being typed.
  if (formData?.get("_intent") === "autosave") return false;
  return defaultShouldRevalidate;
}

export async function action({ request, params }: Route.ActionArgs) {
  const { lang, current, loaded, section, index, definition } = await loadSection(request, params);
  let form: FormData;
  try {
    form = await readFormData(request, MAX_UPLOAD_REQUEST_BYTES);
  } catch (error) {
    // Too large to read: the page comes back with the saved answers and a clear message.
    if (error instanceof Response && error.status === 413) {
      const upload = definition.questions.find((q) => q.kind === "attachments");
      return data(
        {
          outcome: "invalid" as const,
          raw: section.answers as RawAnswers,
          errors: { [upload?.id ?? "form"]: "errors.attachmentSize" },
          version: section.version,
        },
        { status: 413 },
      );
    }
    throw error;
  }
  const intent = parseIntent(form.get("_intent"));
  if (!intent) badRequest();
  const baseVersion = Number(form.get("_version"));
  if (!Number.isInteger(baseVersion) || baseVersion < 0) badRequest();
  const here = `/${lang}/partner/returns/${loaded.id}/sections/${section.id}`;
  const taskList = `/${lang}/partner/returns/${loaded.id}`;

  // An upload names its question: a forged one is refused before anything is saved.
  if (intent.kind === "upload") {
    const target = definition.questions.find((q) => q.id === intent.questionId);
    if (target?.kind !== "attachments") badRequest();
  }
  let raw = postedAnswers(form, definition.questions);
  raw = applyRowIntent(raw, definition.questions, intent);
  const mode = intent.kind === "complete" ? "complete" : "draft";
  const result = await saveSection({
    current,
    returnId: loaded.id,
    sectionId: section.id,
    baseVersion,
    answers: raw,
    mode,
    language: lang,
  });

  if (result.outcome === "not-found") notFound();
  if (result.outcome === "locked")
    throw redirect(`/${lang}/partner/returns/${loaded.id}/confirmation`);
  if (result.outcome === "closed") return data({ outcome: "closed" as const }, { status: 409 });
  // Approved data is locked (a stale tab's save): 409, and the reload shows the confirmation.
  if (result.outcome === "approved") return data({ outcome: "approved" as const }, { status: 409 });
  if (result.outcome === "conflict") {
    return data(
      {
        outcome: "conflict" as const,
        theirs: result.theirs,
        raw,
        errors: {} as Record<string, string>,
      },
      { status: 409 },
    );
  }
  if (intent.kind === "autosave") {
    return data({
      outcome: result.outcome,
      version: result.version,
      savedAt: result.savedAt.toISOString(),
    });
  }
  if (result.outcome === "invalid") {
    const errors = Object.fromEntries(result.errors.map((e) => [e.path.join("."), e.message]));
    return data(
      { outcome: "invalid" as const, raw, errors, version: result.version },
      { status: 400 },
    );
  }
  if (intent.kind === "upload") {
    const file = form.get(`_file.${intent.questionId}`);
    const question = definition.questions.find((q) => q.id === intent.questionId);
    if (!question || question.kind !== "attachments") badRequest();
    if (!(file instanceof File) || file.size === 0) {
      return data(
        {
          outcome: "invalid" as const,
          raw,
          errors: { [question.id]: "errors.attachmentEmpty" },
          version: result.version,
        },
        { status: 400 },
      );
    }
    const added = await addAttachment({
      current,
      returnId: loaded.id,
      sectionId: section.id,
      questionId: question.id,
      file,
      maxFiles: question.maxFiles,
    });
    if (added.outcome === "invalid") {
      return data(
        {
          outcome: "invalid" as const,
          raw,
          errors: { [question.id]: `errors.${added.error}` },
          version: result.version,
        },
        { status: 400 },
      );
    }
    if (added.outcome !== "added") notFound();
    throw redirect(`${here}#f-${question.id}`);
  }
  if (intent.kind === "remove-file") {
    await removeAttachment({
      current,
      returnId: loaded.id,
      sectionId: section.id,
      attachmentId: intent.attachmentId,
    });
    throw redirect(here);
  }
  if (intent.kind === "add-row" || intent.kind === "remove-row")
    throw redirect(`${here}#f-${intent.questionId}`);
  if (intent.kind === "draft") throw redirect(taskList);
  const next = loaded.sections[index + 1];
  throw redirect(next ? `/${lang}/partner/returns/${loaded.id}/sections/${next.id}` : taskList);
}

export default function ReturnSection({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("returns");
  const { lang, header, closed, draftKey, section, questions, measures, attachments } = loaderData;
  const here = `/${lang}/partner/returns/${header.id}/sections/${section.id}`;
  const conflict = actionData?.outcome === "conflict" ? actionData.theirs : null;
  const errors = actionData && "errors" in actionData ? actionData.errors : {};
  const raw = actionData && "raw" in actionData ? actionData.raw : section.answers;
  const version = actionData && "version" in actionData ? actionData.version : section.version;
  return (
    <>
      <ReturnCaption header={header} lang={lang} taskList />
      <SectionHeading title={section.title} status={section.status} />
      {section.fundingTitle ? (
        <p className="lead">
          {t("section.funding", { title: section.fundingTitle })}
          {section.measureLink ? ` · ${t(`link.${section.measureLink}`)}` : ""}
        </p>
      ) : null}
      {section.description ? <p>{section.description}</p> : null}
      {section.prefilled ? (
        <div className="inset inset--notice">
          <p>
            <strong>{t("section.prefilledTitle")}</strong> {t("section.prefilledBody")}
          </p>
        </div>
      ) : null}
      {closed || actionData?.outcome === "closed" ? <ClosedNotice /> : null}
      <SectionForm
        key={`${section.id}:${section.version}`}
        preview={closed}
        autosaveUrl={`${here}/autosave`}
        draftKey={draftKey}
        loginUrl={`/${lang}/login?${new URLSearchParams({ redirectTo: here })}`}
        lang={lang}
        questions={questions}
        raw={raw}
        version={version}
        errors={errors}
        measures={measures}
        attachments={attachments}
        attachmentUrl={(id) => `/${lang}/partner/returns/${header.id}/attachments/${id}`}
        conflict={conflict}
        title={section.title}
        savedAt={section.status === "NOT_STARTED" ? null : section.updatedAt}
      />
      {section.removable && !closed ? (
        <p>
          <Link to={`/${lang}/partner/returns/${header.id}/contributions/${section.id}/remove`}>
            {t("section.removeContribution")}
          </Link>
        </p>
      ) : null}
      <p>
        <Link to={`/${lang}/partner/returns/${header.id}`}>{t("section.backToTaskList")}</Link>
      </p>
    </>
  );
}
