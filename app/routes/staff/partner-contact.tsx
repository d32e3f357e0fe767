import { data, Form, href, redirect } from "react-router";
import { PartnerFormHeading } from "~/modules/directory/components/partner-form-heading";
import type { Route } from "./+types/partner-contact";
import { requirePermission } from "~/modules/auth/session.server";
import { ContactForm } from "~/modules/directory/components/contact-form";
import { formValues } from "~/modules/directory/components/fields";
import { removeContact, updateContact } from "~/modules/directory/contacts.server";
import { staffOrganisation } from "~/modules/directory/reads.server";
import { contactEditSchema } from "~/modules/directory/schema";
import { langParam } from "~/modules/i18n/lang-param";
import { localized } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";
import { notFound } from "~/utils/http.server";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";
import { fieldErrors } from "~/utils/zod-errors";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "directory:manage");
  const organisation = await staffOrganisation(params.organisationId);
  const membership = organisation?.memberships.find((m) => m.id === params.membershipId);
  if (!organisation || !membership) notFound();
  return {
    lang,
    organisation: { id: organisation.id, nameFr: organisation.nameFr, nameNl: organisation.nameNl },
    membership,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "directory:manage");
  const form = await readFormData(request, SMALL_FORM_BYTES);
  const back = href("/:lang/staff/partners/:organisationId", {
    lang,
    organisationId: params.organisationId,
  });
  if (form.get("intent") === "remove") {
    const removed = await removeContact(current, params.organisationId, params.membershipId);
    if (removed.outcome === "not-found") notFound();
    throw redirect(back);
  }
  const values = formValues(form);
  const parsed = contactEditSchema.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const result = await updateContact(
    current,
    params.organisationId,
    params.membershipId,
    parsed.data,
  );
  if (result.outcome === "not-found") notFound();
  throw redirect(back);
}

export default function StaffPartnerContact({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("directory");
  const { lang, organisation, membership } = loaderData;
  const name = localized(organisation, "name", lang);
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const saved = {
    displayName: membership.user.displayName,
    jobTitle: membership.jobTitle ?? "",
    reportRole: membership.reportRole,
    organisationAdmin: membership.organisationAdmin ? "on" : undefined,
  };
  return (
    <>
      <PartnerFormHeading
        lang={lang}
        organisation={organisation}
        name={name}
        title={t("contacts.editTitle", { name: membership.user.displayName })}
        hasErrors={Object.keys(errors).length > 0}
      />
      <dl className="summary-list">
        <div>
          <dt>{t("contact.email")}</dt>
          <dd>{membership.user.email}</dd>
        </div>
        <div>
          <dt>{t("contact.language")}</dt>
          <dd>{t(`languages.${membership.user.preferredLanguage}`)}</dd>
        </div>
      </dl>
      <ContactForm
        mode="edit"
        values={actionData?.values ?? saved}
        serverErrors={errors}
        submitLabel={t("form.save")}
      />
      <h2>{t("contacts.removeTitle")}</h2>
      <p>{t("contacts.removeHint")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="remove" />
        <button type="submit" className="button button--warning">
          {t("contacts.remove")}
        </button>
      </Form>
    </>
  );
}
