import { data, Form, href, Link, useNavigation } from "react-router";
import type { Route } from "./+types/partner-import";
import { DataTable } from "~/components/ui/data-table";
import { ErrorSummaryBox } from "~/components/ui/error-summary";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { importSheets, isImportSheet } from "~/modules/directory/import/columns";
import {
  applyPendingUpload,
  dryRunUpload,
  type ImportPageResult,
} from "~/modules/directory/import/page.server";
import { MAX_IMPORT_BYTES } from "~/modules/directory/import/limits";
import { shownAsData } from "~/modules/i18n/keys";
import { langParam } from "~/modules/i18n/lang-param";
import { useT } from "~/modules/i18n/use-t";
import { readFormData } from "~/utils/multipart.server";

// Room for the multipart framing and the two other fields besides a 10 MB file.
const FORM_OVERHEAD_BYTES = 64 * 1024;
const entities = ["organisation", "contact", "funding"] as const;

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "directory:manage");
  return { lang };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "directory:manage");
  let form: FormData;
  try {
    form = await readFormData(request, MAX_IMPORT_BYTES + FORM_OVERHEAD_BYTES);
  } catch (error) {
    if (error instanceof Response && error.status === 413)
      return data<ImportPageResult>({ outcome: "tooLarge" }, { status: 413 });
    throw error;
  }
  const chosen = form.get("sheet");
  const sheet = isImportSheet(chosen) ? chosen : undefined;
  let result: ImportPageResult;
  if (form.get("intent") === "apply") {
    const sha256 = form.get("sha256");
    result = await applyPendingUpload(
      typeof sha256 === "string" ? sha256 : "",
      sheet,
      current.user.id,
    );
  } else {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0)
      return data<ImportPageResult>({ outcome: "missing" }, { status: 400 });
    result = await dryRunUpload(new Uint8Array(await file.arrayBuffer()), sheet);
  }
  const failed = result.outcome !== "dryRun" && result.outcome !== "applied";
  return data(result, {
    status: failed || ("errorCount" in result && result.errorCount > 0) ? 400 : 200,
  });
}

export default function StaffPartnerImport({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT(["imports", "directory", "common"]);
  const navigation = useNavigation();
  const { lang } = loaderData;
  const result = actionData ?? null;
  const report =
    result && (result.outcome === "dryRun" || result.outcome === "applied") ? result : null;
  const fileError =
    result && !report
      ? t(
          result.outcome === "expired"
            ? "result.expired"
            : `errors.${result.outcome === "missing" ? "empty" : "tooLarge"}`,
          { megabytes: MAX_IMPORT_BYTES / 1024 / 1024 },
        )
      : undefined;
  const hasErrors = Boolean(fileError) || (report?.errorCount ?? 0) > 0;
  const busy = navigation.state === "submitting";

  return (
    <>
      <PageTitle title={t("title")} hasErrors={hasErrors} />
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/staff/partners", { lang })}>{t("breadcrumb")}</Link>
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
            { field: "import-errors", text: t("result.errorsIntro", { count: report.errorCount }) },
          ]}
        />
      ) : null}
      <h1>{t("title")}</h1>
      {report ? <ImportReport report={report} /> : null}
      {!report ? (
        <>
          <p>{t("intro")}</p>
          <p>{t("rules")}</p>
        </>
      ) : null}
      {report?.outcome === "applied" ? <h2>{t("result.again")}</h2> : null}
      <Form method="post" encType="multipart/form-data" noValidate>
        <div className={`form-group${fileError ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="file">
            {t("form.file")}
          </label>
          <div id="file-hint" className="hint">
            {t("form.fileHint")}
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
        <div className="form-group">
          <label className="label" htmlFor="sheet">
            {t("form.sheet")}
          </label>
          <div id="sheet-hint" className="hint">
            {t("form.sheetHint")}
          </div>
          <select
            className="select"
            id="sheet"
            name="sheet"
            aria-describedby="sheet-hint"
            defaultValue={report?.sheet ?? ""}
          >
            <option value="">{t("form.sheetAuto")}</option>
            {importSheets.map((sheet) => (
              <option key={sheet} value={sheet}>
                {t(`sheets.${sheet}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" name="intent" value="dryRun" className="button" disabled={busy}>
          {t("form.submit")}
        </button>
      </Form>
      <h2>{t("templates.heading")}</h2>
      <p>{t("templates.intro")}</p>
      <ul>
        {importSheets.map((sheet) => (
          <li key={sheet}>
            <a
              href={href("/:lang/staff/partners/import/template/:sheet", { lang, sheet })}
              download
            >
              {t(`templates.${sheet}`)}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

function ImportReport({ report }: { report: Extract<ImportPageResult, { sha256: string }> }) {
  const { t } = useT(["imports", "directory", "common"]);
  const navigation = useNavigation();
  const applied = report.outcome === "applied";
  const sum = (action: "create" | "update" | "unchanged") =>
    entities.reduce((n, entity) => n + report.totals[entity][action], 0);
  return (
    <section aria-labelledby="import-result">
      <h2 id="import-result">{t(applied ? "result.appliedHeading" : "result.heading")}</h2>
      {applied ? (
        <p role="status">
          {t("result.applied", {
            created: sum("create"),
            updated: sum("update"),
            unchanged: sum("unchanged"),
          })}
        </p>
      ) : report.errorCount > 0 ? (
        <p>{t("result.errorsIntro", { count: report.errorCount })}</p>
      ) : report.changeCount > 0 ? (
        <p>{t("result.ready")}</p>
      ) : (
        <p role="status">{t("result.nothingToDo")}</p>
      )}
      <DataTable
        caption={t("result.countsCaption")}
        captionVisible
        columns={[
          { label: t("result.entity") },
          { label: t(applied ? "result.created" : "result.create"), numeric: true },
          { label: t(applied ? "result.updated" : "result.update"), numeric: true },
          { label: t("result.unchanged"), numeric: true },
        ]}
      >
        <tbody>
          {entities.map((entity) => (
            <tr key={entity}>
              <th scope="row">{t(`entities.${entity}`)}</th>
              <td className="numeric">{report.totals[entity].create}</td>
              <td className="numeric">{report.totals[entity].update}</td>
              <td className="numeric">{report.totals[entity].unchanged}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      {report.errorCount > 0 ? (
        <div id="import-errors" tabIndex={-1}>
          <DataTable
            caption={t("result.errorsCaption")}
            captionVisible
            columns={[
              { label: t("result.sheet") },
              { label: t("result.line"), numeric: true },
              { label: t("result.column") },
              { label: t("result.reason") },
            ]}
          >
            <tbody>
              {report.errors.map((error, index) => (
                <tr key={index}>
                  <td>{error.sheet ? t(`sheets.${error.sheet}`) : t("result.wholeFile")}</td>
                  <td className="numeric">{error.line ?? "–"}</td>
                  <td>{error.column ?? t("result.wholeRow")}</td>
                  <td>
                    {t(error.key as "errors.invalid", {
                      ...shownAsData(error.key),
                      ...error.params,
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          {report.errorCount > report.errors.length ? (
            <p>
              {t("result.truncated", { shown: report.errors.length, total: report.errorCount })}
            </p>
          ) : null}
        </div>
      ) : null}
      {report.changeCount > 0 ? (
        <>
          <DataTable
            caption={t(applied ? "result.changesCaptionApplied" : "result.changesCaption")}
            captionVisible
            columns={[
              { label: t("result.sheet") },
              { label: t("result.line"), numeric: true },
              { label: t("result.action") },
              { label: t("result.organisation") },
              { label: t("result.what") },
              { label: t("result.fields") },
            ]}
          >
            <tbody>
              {report.changes.map((row) => (
                <tr key={`${row.sheet}-${row.line}`}>
                  <td>{t(`sheets.${row.sheet}`)}</td>
                  <td className="numeric">{row.line}</td>
                  <td>{t(`actions.${row.action}`)}</td>
                  <td>{row.organisation ?? "–"}</td>
                  <td>{row.label}</td>
                  <td>
                    {row.changes
                      .map((c) => t(`columns.${c}` as "columns.amount", shownAsData(c)))
                      .join(", ") || "–"}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          {report.changeCount > report.changes.length ? (
            <p>
              {t("result.truncated", { shown: report.changes.length, total: report.changeCount })}
            </p>
          ) : null}
        </>
      ) : null}
      {!applied && report.errorCount === 0 && report.changeCount > 0 ? (
        <Form method="post" encType="multipart/form-data">
          <input type="hidden" name="intent" value="apply" />
          <input type="hidden" name="sha256" value={report.sha256} />
          <input type="hidden" name="sheet" value={report.sheet ?? ""} />
          <p id="apply-hint" className="hint">
            {t("result.applyHint")}
          </p>
          <button
            type="submit"
            className="button"
            aria-describedby="apply-hint"
            disabled={navigation.state === "submitting"}
          >
            {t("result.apply")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
