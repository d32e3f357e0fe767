// Administrators: the read API's tokens. Create one (name, what it may read, an optional last
// day): its secret is shown on the answer to that form, once, and never again (only its SHA-256
// is kept). Revoke one: it stops working at once. Both audited. Forms work without JavaScript.
import { useState } from "react";
import { data, Form } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/api-tokens";
import { DataTable } from "~/components/ui/data-table";
import { ErrorSummary, FieldGroup, TextField } from "~/components/ui/error-summary";
import { PageTitle } from "~/components/ui/page-title";
import { SubmitButton } from "~/components/ui/submit-button";
import { Tag } from "~/components/ui/tags";
import {
  API_SCOPES,
  type ApiScope,
  createTokenSchema,
  tokenFormValues,
  USAGE_DAYS,
} from "~/modules/api/token-form";
import { createApiToken, listApiTokens, revokeApiToken } from "~/modules/api/tokens.server";
import { requirePermission } from "~/modules/auth/session.server";
import { ChoiceGroup } from "~/modules/directory/components/fields";
import { formatDate, formatDateTime, formatNumber } from "~/modules/i18n/format";
import { type Key, shownAsData } from "~/modules/i18n/keys";
import { langParam } from "~/modules/i18n/lang-param";
import { useT } from "~/modules/i18n/use-t";
import { badRequest } from "~/utils/http.server";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";
import { fieldErrors } from "~/utils/zod-errors";

// Keys without the scope's colon: i18next reads "a:b" as namespace "a", key "b".
const SCOPE_LABELS = {
  "dataset:read": "tokens.scopes.dataset",
  "reports:read": "tokens.scopes.reports",
} as const satisfies Record<ApiScope, Key<"api">>;

const revokeSchema = z.object({ tokenId: z.string().min(1).max(64) });

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "api-tokens:manage");
  return { lang, tokens: await listApiTokens() };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "api-tokens:manage");
  const form = await readFormData(request, SMALL_FORM_BYTES);
  const intent = form.get("intent");
  if (intent === "revoke") {
    const parsed = revokeSchema.safeParse({ tokenId: form.get("tokenId") });
    if (!parsed.success) badRequest();
    const revoked = await revokeApiToken(parsed.data.tokenId, current.user.id);
    if (revoked.outcome === "not-found") badRequest();
    return { intent: "revoke" as const, ...revoked };
  }
  if (intent !== "create") badRequest();
  const values = tokenFormValues(form);
  const parsed = createTokenSchema.safeParse(values);
  if (!parsed.success)
    return data(
      { intent: "create" as const, errors: fieldErrors(parsed.error), values },
      { status: 400 },
    );
  const created = await createApiToken(parsed.data, current.user.id);
  return { intent: "create" as const, created: { name: created.name, secret: created.secret } };
}

export default function StaffApiTokens({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("api");
  const { lang, tokens } = loaderData;
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const serverErrors = actionData && "errors" in actionData ? actionData.errors : {};
  const errors: Record<string, string> = { ...serverErrors, ...clientErrors };
  // Nothing ticked at first: a token reads only what its creator chose (at least one).
  const values =
    actionData && "values" in actionData
      ? actionData.values
      : { name: "", scopes: [] as string[], expiresOn: "" };
  const created = actionData && "created" in actionData ? actionData.created : null;
  const revoked = actionData?.intent === "revoke" ? actionData : null;
  const err = (name: string) => {
    const message = errors[name];
    return message ? t(message, shownAsData(message)) : undefined;
  };
  return (
    <>
      <PageTitle title={t("tokens.title")} hasErrors={Object.keys(errors).length > 0} />
      <ErrorSummary errors={errors} ns="api" />
      <h1>{t("tokens.title")}</h1>
      {created ? (
        <div role="status" className="panel">
          <h2>{t("tokens.created.title", { name: created.name })}</h2>
          <p>
            <strong>{t("tokens.created.once")}</strong>
          </p>
          <FieldGroup
            name="created-secret"
            label={t("tokens.created.secret")}
            hint={t("tokens.created.usage")}
          >
            {(describedBy) => (
              <input
                className="input"
                id="created-secret"
                readOnly
                value={created.secret}
                spellCheck={false}
                autoComplete="off"
                aria-describedby={describedBy}
              />
            )}
          </FieldGroup>
        </div>
      ) : null}
      {revoked ? (
        <div role="status" className="panel">
          <p>
            {revoked.outcome === "revoked"
              ? t("tokens.revoked", { name: revoked.name })
              : t("tokens.alreadyRevoked")}
          </p>
        </div>
      ) : null}
      <p>{t("tokens.intro")}</p>
      <p>
        <a href="/api/v1/openapi.json">{t("tokens.openapi")}</a>
      </p>

      <h2>{t("tokens.create.heading")}</h2>
      <Form
        method="post"
        noValidate
        // A new form after each creation: the fields start empty again.
        key={created?.secret ?? "form"}
        onSubmit={(event) => {
          const parsed = createTokenSchema.safeParse(
            tokenFormValues(new FormData(event.currentTarget)),
          );
          if (!parsed.success) {
            event.preventDefault();
            setClientErrors(fieldErrors(parsed.error));
          } else setClientErrors({});
        }}
      >
        <input type="hidden" name="intent" value="create" />
        <TextField
          name="name"
          label={t("tokens.create.name")}
          hint={t("tokens.create.nameHint")}
          error={err("name")}
          defaultValue={values.name}
          autoComplete="off"
        />
        <ChoiceGroup
          type="checkbox"
          name="scopes"
          legend={t("tokens.create.scopes")}
          error={err("scopes")}
          checked={values.scopes}
          options={API_SCOPES.map((scope) => ({
            value: scope,
            label: t(SCOPE_LABELS[scope]),
          }))}
        />
        <TextField
          name="expiresOn"
          type="date"
          label={t("tokens.create.expiresOn")}
          hint={t("tokens.create.expiresOnHint")}
          error={err("expiresOn")}
          defaultValue={values.expiresOn}
          className="input--date"
        />
        <SubmitButton label={t("tokens.create.submit")} pendingLabel={t("tokens.create.pending")} />
      </Form>

      <h2>{t("tokens.list.caption")}</h2>
      {tokens.length === 0 ? (
        <p>{t("tokens.list.empty")}</p>
      ) : (
        <DataTable
          caption={t("tokens.list.caption")}
          columns={[
            { label: t("tokens.list.name") },
            { label: t("tokens.list.prefix") },
            { label: t("tokens.list.scopes") },
            { label: t("tokens.list.createdAt") },
            { label: t("tokens.list.expiresAt") },
            { label: t("tokens.list.lastUsedAt") },
            { label: t("tokens.list.recentRequests", { days: USAGE_DAYS }), numeric: true },
            { label: t("tokens.list.status") },
            { label: t("tokens.list.actions") },
          ]}
        >
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>{token.scopes.map((scope) => t(SCOPE_LABELS[scope])).join(", ")}</td>
                <td>
                  {formatDate(token.createdAt, lang)}
                  {token.createdBy ? ` (${token.createdBy})` : null}
                </td>
                <td>
                  {token.expiresAt
                    ? formatDateTime(token.expiresAt, lang)
                    : t("tokens.list.noExpiry")}
                </td>
                <td>
                  {token.lastUsedAt
                    ? formatDateTime(token.lastUsedAt, lang)
                    : t("tokens.list.never")}
                </td>
                <td className="numeric">{formatNumber(token.recentRequests, lang)}</td>
                <td>
                  <Tag tone={token.status === "active" ? "green" : "grey"}>
                    {token.status === "revoked"
                      ? t("tokens.status.revoked", { date: formatDate(token.revokedAt!, lang) })
                      : t(`tokens.status.${token.status}`)}
                  </Tag>
                </td>
                <td>
                  {token.status === "revoked" ? null : (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="tokenId" value={token.id} />
                      <button
                        type="submit"
                        className="button button--secondary"
                        aria-label={t("tokens.list.revokeFor", { name: token.name })}
                      >
                        {t("tokens.list.revoke")}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </>
  );
}
