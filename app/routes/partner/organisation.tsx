import { data, Form, href, redirect } from "react-router";
import type { Route } from "./+types/organisation";
import { OrganisationPage } from "~/components/organisation-page";
import { DataTable } from "~/components/ui/data-table";
import { requirePermission } from "~/modules/auth/session.server";
import {
  inviteColleague,
  listColleagues,
  removeColleague,
} from "~/modules/directory/colleagues.server";
import { ContactForm } from "~/modules/directory/components/contact-form";
import { DirectoryErrorSummary, formValues } from "~/modules/directory/components/fields";
import { colleagueSchema } from "~/modules/directory/schema";
import type { Key } from "~/modules/i18n/keys";
import { langParam } from "~/modules/i18n/lang-param";
import { useT } from "~/modules/i18n/use-t";
import { findOrganisationForUser } from "~/modules/organisations/organisations.server";
import { notFound } from "~/utils/http.server";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";
import { pageUrl } from "~/utils/page-url";
import { fieldErrors } from "~/utils/zod-errors";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "organisation:read-own");
  // Scoped query: another organisation's id simply isn't found.
  const organisation = current.organisationIds.includes(params.organisationId)
    ? await findOrganisationForUser(current, params.organisationId)
    : null;
  if (!organisation) notFound();
  const done = pageUrl(request).searchParams.get("done");
  return {
    lang,
    organisation,
    // Only the organisation's own administrators see and manage their colleagues.
    colleagues: await listColleagues(current, organisation.id),
    currentUserId: current.user.id,
    done: done === "invited" || done === "removed" ? done : null,
  };
}

/** A partner's administrator invites or removes a colleague of this organisation only. */
export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "organisation:read-own");
  const form = await readFormData(request, SMALL_FORM_BYTES);
  const self = href("/:lang/partner/organisations/:organisationId", {
    lang,
    organisationId: params.organisationId,
  });
  if (form.get("intent") === "remove") {
    const removed = await removeColleague(
      current,
      params.organisationId,
      String(form.get("membershipId") ?? ""),
    );
    if (removed.outcome === "not-found") notFound();
    if (removed.outcome === "last-admin")
      return data(
        { errors: {}, values: {}, formError: "errors.lastAdmin" satisfies Key<"directory"> },
        { status: 409 },
      );
    throw redirect(`${self}?done=removed#colleagues`);
  }
  const values = formValues(form);
  const parsed = colleagueSchema.safeParse(values);
  if (!parsed.success)
    return data(
      { errors: fieldErrors(parsed.error), values, formError: undefined },
      { status: 400 },
    );
  const result = await inviteColleague(current, params.organisationId, parsed.data);
  if (result.outcome === "not-found") notFound();
  if (result.outcome === "invalid")
    return data({ errors: result.errors, values, formError: undefined }, { status: 400 });
  throw redirect(`${self}?done=invited#colleagues`);
}

export default function PartnerOrganisation({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("partners");
  const { t: td } = useT("directory");
  const { lang, organisation, colleagues, currentUserId, done } = loaderData;
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return (
    <>
      <OrganisationPage
        lang={lang}
        organisation={organisation}
        back={{ to: href("/:lang/partner", { lang }), label: t("home.title") }}
        hasErrors={Object.keys(errors).length > 0 || Boolean(actionData?.formError)}
      />
      {colleagues ? (
        <>
          <h2 id="colleagues" tabIndex={-1}>
            {td("colleagues.title")}
          </h2>
          <p>{td("colleagues.intro")}</p>
          <p role="status">
            {done === "invited"
              ? td("colleagues.invited")
              : done === "removed"
                ? td("colleagues.removed")
                : ""}
          </p>
          {actionData?.formError ? (
            <DirectoryErrorSummary errors={{}} formError={actionData.formError} />
          ) : null}
          <DataTable
            caption={td("colleagues.title")}
            columns={[
              { label: td("contact.displayName") },
              { label: td("contact.email") },
              { label: td("contact.reportRole") },
              { label: td("colleagues.admin") },
              { label: <span className="visually-hidden">{td("contacts.remove")}</span> },
            ]}
          >
            <tbody>
              {colleagues.map((c) => (
                <tr key={c.id}>
                  <td>
                    {c.user.displayName}
                    {c.userId === currentUserId ? ` (${td("colleagues.you")})` : ""}
                  </td>
                  <td>{c.user.email}</td>
                  <td>{td(`roles.${c.reportRole}`)}</td>
                  <td>{c.organisationAdmin ? td("form.yes") : td("form.no")}</td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="membershipId" value={c.id} />
                      <button type="submit" className="button button--secondary button--small">
                        {td("colleagues.remove", { name: c.user.displayName })}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <h3>{td("colleagues.inviteTitle")}</h3>
          <p className="hint">{td("colleagues.inviteHint")}</p>
          <ContactForm
            mode="invite"
            values={
              actionData?.formError
                ? {}
                : (actionData?.values ?? { preferredLanguage: lang, reportRole: "BACKUP" })
            }
            serverErrors={errors}
            submitLabel={td("colleagues.invite")}
          />
        </>
      ) : null}
    </>
  );
}
