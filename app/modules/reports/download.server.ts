// A report table as a download (CSV or XLSX), published: small project counts hidden under
// the threshold. Audited (who, which table and period, which format).
import { reportFileName, reportTableCsv, reportTableXlsx } from "./export.server";
import { publishedTableOptions } from "./settings.server";
import type { ReportTableName } from "./table-model";
import { loadReportTable, type ReportTableParams } from "./tables.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import type { Language } from "~/modules/i18n/languages";
import { prisma } from "~/utils/db.server";

export async function downloadReportTable(
  current: CurrentUser,
  name: ReportTableName,
  params: ReportTableParams,
  lang: Language,
  format: "csv" | "xlsx",
) {
  const options = await publishedTableOptions();
  const table = await loadReportTable(name, params, lang, options);
  const body =
    format === "csv" ? reportTableCsv(table) : new Uint8Array(await reportTableXlsx([table], lang));
  await recordAudit(prisma, {
    action: "reports.exported",
    actorUserId: current.user.id,
    targetType: "ReportTable",
    targetId: name,
    details: {
      format,
      plan: table.planCode,
      from: table.period.from,
      to: table.period.to,
      language: lang,
      suppressBelow: options.suppressBelow ?? 0,
    },
  });
  return { fileName: reportFileName(lang, name, table.period, format), body };
}

/** A file for the browser to save: never sniffed, never cached (the name is ASCII). */
export function attachmentResponse(
  body: BodyInit,
  fileName: string,
  contentType: string,
): Response {
  return new Response(body, {
    headers: {
      "Content-Type": contentType,
      // The name is ASCII by construction: no filename* needed.
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
