import { data, Form, href, redirect } from "react-router";
import { PartnerFormHeading } from "~/modules/directory/components/partner-form-heading";
import type { Route } from "./+types/partner-funding";
import { requirePermission } from "~/modules/auth/session.server";
import { formValues, textOf, type FormValues } from "~/modules/directory/components/fields";
import { FundingForm } from "~/modules/directory/components/funding-form";
import { deleteFunding, updateFunding } from "~/modules/directory/fundings.server";
import { fundingFormOptions, staffOrganisation } from "~/modules/directory/reads.server";
import {
  fundingEditSchema,
  fundingSchema,
  fundingValuesFromForm,
} from "~/modules/directory/schema";
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
  const funding = organisation?.fundings.find((f) => f.id === params.fundingId);
  if (!organisation || !funding) notFound();
  const saved: FormValues = {
    channel: funding.channel,
    startYear: String(funding.startYear),
    endYear: String(funding.endYear),
    title: funding.title,
    amount:
      funding.amountCents == null ? "" : (funding.amountCents / 100).toFixed(2).replace(".", ","),
    mission: funding.transversalMissions.map((m) => m.mission.code),
    ...Object.fromEntries(funding.measures.map((m) => [`measure:${m.measure.code}`, m.link])),
  };
  return {
    lang,
    organisation: { id: organisation.id, nameFr: organisation.nameFr, nameNl: organisation.nameNl },
    funding: {
      id: funding.id,
      title: funding.title,
      version: funding.updatedAt.toISOString(),
      inUse: funding._count.returnSections > 0,
    },
    saved,
    options: await fundingFormOptions(),
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
  const values = formValues(form);
  if (form.get("intent") === "delete") {
    const deleted = await deleteFunding(current, params.organisationId, params.fundingId);
    if (deleted.outcome === "not-found") notFound();
    if (deleted.outcome === "in-use")
      return data(
        {
          errors: {},
          values: undefined,
          formError: "errors.fundingInUse" satisfies Key<"directory">,
        },
        { status: 409 },
      );
    throw redirect(back);
  }
  const parsed = fundingSchema.safeParse(fundingValuesFromForm(form));
  const version = fundingEditSchema.safeParse(values);
  if (!parsed.success || !version.success)
    return data(
      { errors: parsed.success ? {} : fieldErrors(parsed.error), values },
      { status: 400 },
    );
  const result = await updateFunding(current, params.organisationId, params.fundingId, {
    ...parsed.data,
    version: version.data.version,
  });
  if (result.outcome === "not-found") notFound();
  if (result.outcome === "invalid") return data({ errors: result.errors, values }, { status: 400 });
  if (result.outcome === "changed-meanwhile")
    return data(
      {
        errors: {},
        values: { ...values, version: result.version },
        formError: "errors.changedMeanwhile" satisfies Key<"directory">,
      },
      { status: 409 },
    );
  throw redirect(back);
}

export default function StaffPartnerFunding({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("directory");
  const { lang, organisation, funding, saved, options } = loaderData;
  const name = localized(organisation, "name", lang);
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const formError = actionData && "formError" in actionData ? actionData.formError : undefined;
  const values: FormValues = actionData?.values ?? saved;
  const version = textOf(values, "version") ?? funding.version;
  return (
    <>
      <PartnerFormHeading
        lang={lang}
        organisation={organisation}
        name={name}
        title={t("fundings.editTitle", { title: funding.title })}
        hasErrors={Object.keys(errors).length > 0 || Boolean(formError)}
      />
      <FundingForm
        key={version}
        lang={lang}
        options={options}
        values={values}
        serverErrors={errors}
        formError={formError}
        version={version}
        submitLabel={t("form.save")}
      />
      <h2>{t("fundings.deleteTitle")}</h2>
      <p>{funding.inUse ? t("fundings.inUseHint") : t("fundings.deleteHint")}</p>
      {funding.inUse ? null : (
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="button button--warning">
            {t("fundings.delete")}
          </button>
        </Form>
      )}
    </>
  );
}
