import { data, href, redirect } from "react-router";
import { PartnerFormHeading } from "~/modules/directory/components/partner-form-heading";
import type { Route } from "./+types/partner-funding-new";
import { requirePermission } from "~/modules/auth/session.server";
import { formValues } from "~/modules/directory/components/fields";
import { FundingForm } from "~/modules/directory/components/funding-form";
import { createFunding } from "~/modules/directory/fundings.server";
import { fundingFormOptions, staffOrganisation } from "~/modules/directory/reads.server";
import { fundingSchema, fundingValuesFromForm } from "~/modules/directory/schema";
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
    organisation: { id: organisation.id, nameFr: organisation.nameFr, nameNl: organisation.nameNl },
    options: await fundingFormOptions(),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "directory:manage");
  const form = await readFormData(request, SMALL_FORM_BYTES);
  const values = formValues(form);
  const parsed = fundingSchema.safeParse(fundingValuesFromForm(form));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const result = await createFunding(current, params.organisationId, parsed.data);
  if (result.outcome === "not-found") notFound();
  if (result.outcome === "invalid") return data({ errors: result.errors, values }, { status: 400 });
  throw redirect(
    href("/:lang/staff/partners/:organisationId", { lang, organisationId: params.organisationId }),
  );
}

export default function StaffPartnerFundingNew({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("directory");
  const { lang, organisation, options } = loaderData;
  const name = localized(organisation, "name", lang);
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return (
    <>
      <PartnerFormHeading
        lang={lang}
        organisation={organisation}
        name={name}
        title={t("fundings.addTitle", { name })}
        hasErrors={Object.keys(errors).length > 0}
      />
      <FundingForm
        lang={lang}
        options={options}
        values={actionData?.values ?? {}}
        serverErrors={errors}
        submitLabel={t("fundings.add")}
      />
    </>
  );
}
