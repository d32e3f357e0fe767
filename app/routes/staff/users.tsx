import { useT } from "~/modules/i18n/use-t";
import { data, Form, href, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/users";
import { DataTable } from "~/components/ui/data-table";
import { PageTitle } from "~/components/ui/page-title";
import { SECOND_FACTOR_FORM_BYTES } from "~/modules/auth/second-factor.server";
import { listStaffAccounts, resetSecondFactor } from "~/modules/auth/staff-accounts.server";
import { requirePermission } from "~/modules/auth/session.server";
import { formatDate } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { badRequest } from "~/utils/http.server";
import { readFormData } from "~/utils/multipart.server";

// Admins: the staff accounts and their second factor, with the audited reset.

const resetSchema = z.object({
  intent: z.literal("reset-second-factor"),
  userId: z.string().min(1).max(64),
});

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "staff:manage-users");
  return { lang, currentUserId: current.user.id, accounts: await listStaffAccounts() };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "staff:manage-users");
  const form = await readFormData(request, SECOND_FACTOR_FORM_BYTES);
  const parsed = resetSchema.safeParse({ intent: form.get("intent"), userId: form.get("userId") });
  if (!parsed.success) badRequest();
  const outcome = await resetSecondFactor({
    actorUserId: current.user.id,
    targetUserId: parsed.data.userId,
  });
  const accounts = await listStaffAccounts();
  const name = accounts.find((a) => a.id === parsed.data.userId)?.displayName ?? "";
  return data(
    { outcome, name },
    { status: outcome === "reset" ? 200 : outcome === "self" ? 403 : 404 },
  );
}

export default function StaffUsers({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("auth");
  const { t: ta } = useT("api");
  const { lang, accounts, currentUserId } = loaderData;
  return (
    <>
      <PageTitle title={t("staffUsers.title")} />
      <h1>{t("staffUsers.title")}</h1>
      {actionData ? (
        <div role="status" className="panel">
          <p>
            {actionData.outcome === "reset"
              ? t("staffUsers.resetDone", { name: actionData.name })
              : actionData.outcome === "self"
                ? t("staffUsers.resetSelf")
                : t("staffUsers.resetNotFound")}
          </p>
        </div>
      ) : null}
      <p>{t("staffUsers.intro")}</p>
      <p>
        <Link to={href("/:lang/staff/api-tokens", { lang })}>{ta("tokens.link")}</Link>
      </p>
      <DataTable
        caption={t("staffUsers.title")}
        columns={[
          { label: t("staffUsers.name") },
          { label: t("staffUsers.email") },
          { label: t("staffUsers.role") },
          { label: t("staffUsers.secondFactor") },
          { label: t("staffUsers.recoveryCodes") },
          { label: t("staffUsers.actions") },
        ]}
      >
        <tbody>
          {accounts.map((account) => (
            <tr key={account.id}>
              <th scope="row">{account.displayName}</th>
              <td>{account.email}</td>
              <td>{t(`staffUsers.roles.${account.staffRole as "ADMIN" | "REVIEWER"}`)}</td>
              <td>
                {account.totpEnabledAt
                  ? t("staffUsers.enabledSince", {
                      date: formatDate(account.totpEnabledAt, lang),
                    })
                  : t("staffUsers.notSetUp")}
              </td>
              <td className="numeric">{account.totpEnabledAt ? account.recoveryCodesLeft : "–"}</td>
              <td>
                {account.id === currentUserId ? (
                  t("staffUsers.you")
                ) : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="reset-second-factor" />
                    <input type="hidden" name="userId" value={account.id} />
                    <button
                      type="submit"
                      className="button button--secondary"
                      aria-label={t("staffUsers.resetFor", { name: account.displayName })}
                    >
                      {t("staffUsers.reset")}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
