import { useT } from "~/modules/i18n/use-t";
import { data, Form, href, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/template-import";
import { ErrorSummaryBox } from "~/components/ui/error-summary";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";
import {
  importTemplate,
  MAX_TEMPLATE_BYTES,
  readImportForm,
  type ImportFormError,
} from "~/modules/questionnaires/templates-admin.server";
import { readFormData } from "~/utils/multipart.server";

// Room for the multipart framing and the other fields besides a 64 KB file. A larger body is
// refused while it streams in (413), and the page says the template is too large.
const FORM_OVERHEAD_BYTES = 64 * 1024;

interface ImportFailure {
  field: "file" | "text";
  error: ImportFormError | "invalid";
  /** The parser's own messages (English, technical): line/column or path, then the problem. */
  problems: string[];
  text: string;
  publish: boolean;
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "templates:manage");
  return { lang };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "templates:manage");
  let form: FormData;
  try {
    form = await readFormData(request, MAX_TEMPLATE_BYTES + FORM_OVERHEAD_BYTES);
  } catch (error) {
    if (error instanceof Response && error.status === 413) {
      const failure: ImportFailure = {
        field: "file",
        error: "tooLarge",
        problems: [],
        text: "",
        publish: false,
      };
      return data(failure, { status: 413 });
    }
    throw error;
  }
  const pasted = form.get("text");
  const text = typeof pasted === "string" ? pasted : "";
  const input = await readImportForm(form);
  if (!input.ok) {
    const failure: ImportFailure = {
      field: input.field,
      error: input.error,
      problems: [],
      text,
      publish: input.publish,
    };
    return data(failure, { status: 400 });
  }
  const result = await importTemplate({
    text: input.text,
    sourceName: input.sourceName,
    publish: input.publish,
    actorUserId: current.user.id,
  });
  if (result.outcome === "invalid") {
    const failure: ImportFailure = {
      field: input.field,
      error: "invalid",
      problems: result.errors,
      text,
      publish: input.publish,
    };
    return data(failure, { status: 400 });
  }
  const flags = new URLSearchParams({ [result.outcome]: "1" });
  if (result.publishedNow) flags.set("published", "1");
  throw redirect(
    `${href("/:lang/staff/templates/:templateId", { lang, templateId: result.templateId })}?${flags}`,
  );
}

export default function StaffTemplateImport({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT(["templates", "common"]);
  const navigation = useNavigation();
  const { lang } = loaderData;
  const failure = actionData ?? null;
  const message = failure
    ? failure.error === "invalid"
      ? t("import.errors.invalidInline", { count: failure.problems.length })
      : t(`import.errors.${failure.error}`)
    : undefined;
  const fileError = failure?.field === "file" ? message : undefined;
  const textError = failure?.field === "text" ? message : undefined;

  return (
    <>
      <PageTitle title={t("import.title")} hasErrors={Boolean(failure)} />
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/staff/templates", { lang })}>{t("list.title")}</Link>
          </li>
        </ol>
      </nav>
      {failure ? (
        <ErrorSummaryBox
          focusKey={failure}
          items={
            failure.error === "invalid"
              ? // The parser speaks English: say so to screen readers.
                failure.problems.map((problem) => ({
                  field: failure.field,
                  text: problem,
                  lang: "en",
                }))
              : [{ field: failure.field, text: message ?? "" }]
          }
        >
          {failure.error === "invalid" ? (
            <p>
              {t(
                failure.field === "file"
                  ? "import.errors.invalidFile"
                  : "import.errors.invalidText",
                { count: failure.problems.length },
              )}
            </p>
          ) : null}
        </ErrorSummaryBox>
      ) : null}
      <h1>{t("import.title")}</h1>
      <p>{t("import.intro")}</p>
      <p>{t("import.versions")}</p>
      <Form method="post" encType="multipart/form-data" noValidate>
        <div className={`form-group${fileError ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="file">
            {t("import.file.label")}
          </label>
          <div id="file-hint" className="hint">
            {t("import.file.hint")}
          </div>
          {fileError ? (
            <p id="file-error" className="error-message">
              <span className="visually-hidden">{t("common:errors.errorPrefix")}</span> {fileError}
            </p>
          ) : null}
          <input
            className="file-input"
            id="file"
            name="file"
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
            aria-describedby={fileError ? "file-hint file-error" : "file-hint"}
            aria-invalid={fileError ? true : undefined}
          />
        </div>
        <div className={`form-group${textError ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="text">
            {t("import.text.label")}
          </label>
          <div id="text-hint" className="hint">
            {t("import.text.hint")}
          </div>
          {textError ? (
            <p id="text-error" className="error-message">
              <span className="visually-hidden">{t("common:errors.errorPrefix")}</span> {textError}
            </p>
          ) : null}
          <textarea
            className="input textarea textarea--code"
            id="text"
            name="text"
            rows={16}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            defaultValue={failure?.text ?? ""}
            aria-describedby={textError ? "text-hint text-error" : "text-hint"}
            aria-invalid={textError ? true : undefined}
          />
        </div>
        <div className="form-group">
          <div className="choice">
            <input
              className="choice__input"
              id="publish"
              name="publish"
              type="checkbox"
              value="yes"
              defaultChecked={failure?.publish ?? false}
              aria-describedby="publish-hint"
            />
            <label className="choice__label" htmlFor="publish">
              {t("import.publish.label")}
            </label>
          </div>
          <div id="publish-hint" className="hint">
            {t("import.publish.hint")}
          </div>
        </div>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("import.submit")}
        </button>
      </Form>
    </>
  );
}
