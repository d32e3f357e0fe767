// Historical import of contributions (staff administrators): upload a CSV or XLSX, read the
// dry run (every row problem with its line, column and reason), then import; the import runs
// as a job whose page shows its progress and its result. Works without JavaScript.
import { data, Form, href, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/contribution-import";
import { DataTable } from "~/components/ui/data-table";
import { ErrorSummaryBox } from "~/components/ui/error-summary";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { contributionColumns } from "~/modules/contributions/columns";
import { errorParams } from "~/modules/contributions/errors";
import { waitForImportJob } from "~/modules/contributions/jobs.server";
import { MAX_CONTRIBUTION_BYTES, MAX_CONTRIBUTION_ROWS } from "~/modules/contributions/limits";
import {
  dryRunUpload,
  importPendingUpload,
  recentImports,
  type ImportPageResult,
} from "~/modules/contributions/page.server";
import { formatDateTime, formatNumber } from "~/modules/i18n/format";
import { shownAsData } from "~/modules/i18n/keys";
import { langParam } from "~/modules/i18n/lang-param";
import type { Language } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";
import { env } from "~/utils/env.server";
import { readFormData } from "~/utils/multipart.server";

const FORM_OVERHEAD_BYTES = 64 * 1024;

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "dataset:import");
  return { lang, recent: await recentImports() };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "dataset:import");
  let form: FormData;
  try {
    form = await readFormData(request, MAX_CONTRIBUTION_BYTES + FORM_OVERHEAD_BYTES);
  } catch (error) {
    if (error instanceof Response && error.status === 413)
      return data<ImportPageResult>({ outcome: "tooLarge" }, { status: 413 });
    throw error;
  }
  if (form.get("intent") === "import") {
    const sha256 = String(form.get("sha256") ?? "");
    const job = await importPendingUpload(
      sha256,
      String(form.get("fileName") ?? ""),
      current.user.id,
    );
    if (!job) return data<ImportPageResult>({ outcome: "expired" }, { status: 400 });
    await waitForImportJob(job, env.backgroundWaitMs);
    return redirect(href("/:lang/staff/dataset/import/:job", { lang, job }));
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0)
    return data<ImportPageResult>({ outcome: "missing" }, { status: 400 });
  const result = await dryRunUpload(new Uint8Array(await file.arrayBuffer()), file.name);
  return data(result, {
    status: result.outcome === "dryRun" && result.errorCount === 0 ? 200 : 400,
  });
}

export default function StaffContributionImport({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT(["contributions", "imports", "common"]);
  const navigation = useNavigation();
  const { lang, recent } = loaderData;
  const result = actionData ?? null;
  const report = result?.outcome === "dryRun" ? result : null;
  const megabytes = MAX_CONTRIBUTION_BYTES / 1024 / 1024;
  const fileError =
    result && !report
      ? result.outcome === "missing"
        ? t("form.missing")
        : result.outcome === "tooLarge"
          ? t("form.tooLarge", { megabytes })
          : t("form.expired")
      : undefined;
  const hasErrors = Boolean(fileError) || (report?.errorCount ?? 0) > 0;
  const busy = navigation.state === "submitting";
  return (
    <>
      <PageTitle title={t("title")} hasErrors={hasErrors} />
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/staff/dataset", { lang })}>{t("breadcrumb")}</Link>
          </li>
        </ol>
      </nav>
      {fileError ? (
        <ErrorSummaryBox focusKey={result} items={[{ field: "file", text: fileError }]} />
      ) : null}
      {report && report.errorCount > 0 ? (
        <ErrorSummaryBox
          focusKey={result}
          items={[
            {
              field: "import-errors",
              text: t("result.errorsIntro", {
                count: report.errorCount,
                total: formatNumber(report.errorCount, lang),
              }),
            },
          ]}
        />
      ) : null}
      <h1>{t("title")}</h1>
      {report ? <DryRunReport report={report} lang={lang} /> : null}
      {!report ? (
        <>
          <p>{t("intro")}</p>
          <p>{t("rules")}</p>
        </>
      ) : null}
      <Form method="post" encType="multipart/form-data" noValidate>
        <div className={`form-group${fileError ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="file">
            {t("form.file")}
          </label>
          <div id="file-hint" className="hint">
            {t("form.fileHint")}{" "}
            {t("limits", { rows: formatNumber(MAX_CONTRIBUTION_ROWS, lang), megabytes })}
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
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={fileError ? "file-hint file-error" : "file-hint"}
            aria-invalid={fileError ? true : undefined}
          />
        </div>
        <button type="submit" name="intent" value="dryRun" className="button" disabled={busy}>
          {t("form.submit")}
        </button>
      </Form>
      <h2>{t("columnsHeading")}</h2>
      <DataTable
        caption={t("columnsCaption")}
        columns={[
          { label: t("columnName") },
          { label: t("columnRequired") },
          { label: t("columnMeaning") },
        ]}
      >
        <tbody>
          {contributionColumns.map((c) => (
            <tr key={c.field}>
              <th scope="row">
                <code>{c.header[lang]}</code>
              </th>
              <td>{t(c.required ? "yes" : "no")}</td>
              <td>{t(`columns.${c.field}`)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">
              <code>{lang === "nl" ? "cijfer:…" : "chiffre:…"}</code>
            </th>
            <td>{t("no")}</td>
            <td>{t("columns.figures")}</td>
          </tr>
        </tbody>
      </DataTable>
      <h2>{t("templates.heading")}</h2>
      <p>
        <a
          href={href("/:lang/staff/dataset/import/template", { lang })}
          download
          aria-describedby="template-hint"
        >
          {t("templates.download")}
        </a>
        <br />
        <span className="hint" id="template-hint">
          {t("templates.hint")}
        </span>
      </p>
      <h2>{t("recent.heading")}</h2>
      {recent.length === 0 ? (
        <p>{t("recent.none")}</p>
      ) : (
        <DataTable
          caption={t("recent.caption")}
          columns={[
            { label: t("recent.when") },
            { label: t("recent.file") },
            { label: t("recent.who") },
            { label: t("recent.rows"), numeric: true },
            { label: t("recent.created"), numeric: true },
          ]}
        >
          <tbody>
            {recent.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.importedAt, lang)}</td>
                <td>{r.fileName}</td>
                <td>{r.importedBy?.displayName ?? t("recent.nobody")}</td>
                <td className="numeric">{formatNumber(r.rowCount, lang)}</td>
                <td className="numeric">{formatNumber(r.createdCount, lang)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </>
  );
}

function DryRunReport({
  report,
  lang,
}: {
  report: Extract<ImportPageResult, { outcome: "dryRun" }>;
  lang: Language;
}) {
  const { t } = useT(["contributions", "imports", "common"]);
  const navigation = useNavigation();
  const ready = report.errorCount === 0 && report.newCount > 0;
  return (
    <section aria-labelledby="import-result">
      <h2 id="import-result">{t("result.heading")}</h2>
      {report.errorCount > 0 ? (
        <p>
          {t("result.errorsIntro", {
            count: report.errorCount,
            total: formatNumber(report.errorCount, lang),
          })}
        </p>
      ) : ready ? (
        <p>{t("result.ready")}</p>
      ) : (
        <p role="status">{t("result.nothingToDo")}</p>
      )}
      <DataTable
        caption={t("result.countsCaption")}
        captionVisible
        columns={[
          { label: t("result.rows"), numeric: true },
          { label: t("result.new"), numeric: true },
          { label: t("result.known"), numeric: true },
        ]}
      >
        <tbody>
          <tr>
            <td className="numeric">{formatNumber(report.rowCount, lang)}</td>
            <td className="numeric">{formatNumber(report.newCount, lang)}</td>
            <td className="numeric">{formatNumber(report.knownCount, lang)}</td>
          </tr>
        </tbody>
      </DataTable>
      {report.errorCount > 0 ? (
        <div id="import-errors" tabIndex={-1}>
          <DataTable
            caption={t("result.errorsCaption")}
            captionVisible
            columns={[
              { label: t("result.line"), numeric: true },
              { label: t("result.column") },
              { label: t("result.reason") },
            ]}
          >
            <tbody>
              {report.errors.map((error, index) => (
                <tr key={index}>
                  <td className="numeric">{error.line ?? t("result.wholeFile")}</td>
                  <td>{error.column ?? t("result.wholeRow")}</td>
                  <td>
                    {t(error.key as "errors.required", {
                      ...shownAsData(error.key),
                      ...errorParams(error, lang),
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          {report.errorCount > report.errors.length ? (
            <p>
              {t("result.truncated", {
                shown: formatNumber(report.errors.length, lang),
                total: formatNumber(report.errorCount, lang),
              })}
            </p>
          ) : null}
        </div>
      ) : null}
      {ready ? (
        <Form method="post" encType="multipart/form-data">
          <input type="hidden" name="intent" value="import" />
          <input type="hidden" name="sha256" value={report.sha256} />
          <input type="hidden" name="fileName" value={report.fileName} />
          <p id="apply-hint" className="hint">
            {t("result.applyHint")}
          </p>
          <button
            type="submit"
            className="button"
            aria-describedby="apply-hint"
            disabled={navigation.state === "submitting"}
          >
            {t("result.apply", {
              count: report.newCount,
              total: formatNumber(report.newCount, lang),
            })}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
