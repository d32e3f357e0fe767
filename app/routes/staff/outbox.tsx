import { useT } from "~/modules/i18n/use-t";
import { Form } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/outbox";
import { DataTable } from "~/components/ui/data-table";
import { PageTitle } from "~/components/ui/page-title";
import { StatusTag } from "~/components/ui/tags";
import { requirePermission } from "~/modules/auth/session.server";
import { formatDateTime } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { listOutbox } from "~/modules/mail/outbox-admin.server";
import { pageUrl } from "~/utils/page-url";

const statuses = ["PENDING", "SENDING", "SENT", "DEAD"] as const;
const filterSchema = z.object({ status: z.enum(statuses).optional().catch(undefined) });

export async function loader({ request, params }: Route.LoaderArgs) {
  const url = pageUrl(request);
  const lang = langParam(params);
  await requirePermission(request, lang, "outbox:read");
  const { status } = filterSchema.parse(Object.fromEntries(url.searchParams));
  return { lang, status, ...(await listOutbox(status)) };
}

export default function StaffOutbox({ loaderData }: Route.ComponentProps) {
  const { t } = useT("partners");
  const { lang, rows, counts, status } = loaderData;
  return (
    <>
      <PageTitle title={t("outbox.title")} />
      <h1>{t("outbox.title")}</h1>
      <p>{t("outbox.intro")}</p>
      <ul className="stat-list">
        {statuses.map((s) => (
          <li
            key={s}
            className={s === "DEAD" && (counts[s] ?? 0) > 0 ? "stat stat--alert" : "stat"}
          >
            <span className="stat__value">{counts[s] ?? 0}</span>{" "}
            <span className="stat__label">{t(`outbox.status.${s}`)}</span>
          </li>
        ))}
      </ul>
      <Form method="get" className="filters">
        <div className="form-group">
          <label className="label" htmlFor="status">
            {t("outbox.filter")}
          </label>
          <select className="select" id="status" name="status" defaultValue={status ?? ""}>
            <option value="">{t("staff.list.all")}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`outbox.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t("staff.list.apply")}
        </button>
      </Form>
      <DataTable
        caption={t("outbox.title")}
        columns={[
          { label: t("outbox.created") },
          { label: t("outbox.purpose") },
          { label: t("outbox.recipient") },
          { label: t("outbox.state") },
          { label: t("outbox.attempts"), numeric: true },
          { label: t("outbox.lastError") },
        ]}
      >
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{formatDateTime(row.createdAt, lang)}</td>
              <td>{row.purpose}</td>
              <td>{row.toEmail}</td>
              <td>
                <StatusTag status={row.status} label={t(`outbox.status.${row.status}`)} />
              </td>
              <td className="numeric">{row.attempts}</td>
              <td>{row.lastError ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
