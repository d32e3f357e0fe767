import { data, href, redirect } from "react-router";
import { PartnerFormHeading } from "~/modules/directory/components/partner-form-heading";
import type { Route } from "./+types/partner-edit";
import { requirePermission } from "~/modules/auth/session.server";
import { formValues, textOf, type FormValues } from "~/modules/directory/components/fields";
import { OrganisationForm } from "~/modules/directory/components/organisation-form";
import { updateOrganisation } from "~/modules/directory/organisations.server";
import { organisationFormOptions, staffOrganisation } from "~/modules/directory/reads.server";
import { organisationEditSchema } from "~/modules/directory/schema";
import type { Key } from "~/modules/i18n/keys";
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
  return { lang, organisation, options: await organisationFormOptions() };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "directory:manage");
  const values = formValues(await readFormData(request, SMALL_FORM_BYTES));
  const parsed = organisationEditSchema.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const result = await updateOrganisation(current, params.organisationId, parsed.data);
  if (result.outcome === "not-found") notFound();
  if (result.outcome === "invalid") return data({ errors: result.errors, values }, { status: 400 });
  if (result.outcome === "changed-meanwhile")
    // The typed values come back with the new version: saving again is a deliberate choice.
    return data(
      {
        errors: {},
        values: { ...values, version: result.version },
        formError: "errors.changedMeanwhile" satisfies Key<"directory">,
      },
      { status: 409 },
    );
  throw redirect(
    href("/:lang/staff/partners/:organisationId", { lang, organisationId: params.organisationId }),
  );
}

export default function StaffPartnerEdit({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("directory");
  const { lang, organisation, options } = loaderData;
  const name = localized(organisation, "name", lang);
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const formError = actionData && "formError" in actionData ? actionData.formError : undefined;
  const saved = {
    kind: organisation.kind,
    officialId: organisation.officialId ?? "",
    nameFr: organisation.nameFr,
    nameNl: organisation.nameNl,
    preferredLanguage: organisation.preferredLanguage,
    followedById: organisation.followedById ?? "",
    parentCommuneId: organisation.parentCommuneId ?? "",
    coveredCommuneIds: organisation.coveredCommunes.map((c) => c.commune.id),
  };
  const values: FormValues = actionData?.values ?? saved;
  const version = textOf(values, "version") ?? organisation.updatedAt.toISOString();
  return (
    <>
      <PartnerFormHeading
        lang={lang}
        organisation={organisation}
        name={name}
        title={t("organisation.editTitle", { name })}
        hasErrors={Object.keys(errors).length > 0 || Boolean(formError)}
      />
      <OrganisationForm
        // A new version remounts the form, so the values shown are those sent back.
        key={version}
        lang={lang}
        options={options}
        values={values}
        serverErrors={errors}
        formError={formError}
        version={version}
        submitLabel={t("form.save")}
      />
    </>
  );
}
