import { data, href, redirect } from "react-router";
import { PartnerFormHeading } from "~/modules/directory/components/partner-form-heading";
import type { Route } from "./+types/partner-contact-new";
import { requirePermission } from "~/modules/auth/session.server";
import { ContactForm } from "~/modules/directory/components/contact-form";
import { formValues } from "~/modules/directory/components/fields";
import { addContact } from "~/modules/directory/contacts.server";
import { staffOrganisation } from "~/modules/directory/reads.server";
import { contactSchema } from "~/modules/directory/schema";
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
  if (!organisation) notFound();
  return {
    lang,
    organisation: {
      id: organisation.id,
      nameFr: organisation.nameFr,
      nameNl: organisation.nameNl,
      preferredLanguage: organisation.preferredLanguage,
    },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "directory:manage");
  const values = formValues(await readFormData(request, SMALL_FORM_BYTES));
  const parsed = contactSchema.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const result = await addContact(current, params.organisationId, parsed.data);
  if (result.outcome === "not-found") notFound();
  if (result.outcome === "invalid") return data({ errors: result.errors, values }, { status: 400 });
  throw redirect(
    href("/:lang/staff/partners/:organisationId", { lang, organisationId: params.organisationId }),
  );
}

export default function StaffPartnerContactNew({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("directory");
  const { lang, organisation } = loaderData;
  const name = localized(organisation, "name", lang);
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return (
    <>
      <PartnerFormHeading
        lang={lang}
        organisation={organisation}
        name={name}
        title={t("contacts.addTitle", { name })}
        hasErrors={Object.keys(errors).length > 0}
      />
      <ContactForm
        mode="add"
        values={
          actionData?.values ?? {
            preferredLanguage: organisation.preferredLanguage,
            reportRole: "MAIN",
          }
        }
        serverErrors={errors}
        submitLabel={t("contacts.add")}
      />
    </>
  );
}
