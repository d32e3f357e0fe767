import { data, href, Link, redirect } from "react-router";
import type { Route } from "./+types/partner-new";
import { PageTitle } from "~/components/ui/page-title";
import { requirePermission } from "~/modules/auth/session.server";
import { formValues } from "~/modules/directory/components/fields";
import { OrganisationForm } from "~/modules/directory/components/organisation-form";
import { createOrganisation } from "~/modules/directory/organisations.server";
import { organisationFormOptions } from "~/modules/directory/reads.server";
import { organisationSchema } from "~/modules/directory/schema";
import { langParam } from "~/modules/i18n/lang-param";
import { useT } from "~/modules/i18n/use-t";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";
import { fieldErrors } from "~/utils/zod-errors";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "directory:manage");
  return { lang, options: await organisationFormOptions() };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "directory:manage");
  const values = formValues(await readFormData(request, SMALL_FORM_BYTES));
  const parsed = organisationSchema.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const result = await createOrganisation(current, parsed.data);
  if (result.outcome === "invalid") return data({ errors: result.errors, values }, { status: 400 });
  if (result.outcome === "not-found") throw new Response(null, { status: 404 });
  throw redirect(
    href("/:lang/staff/partners/:organisationId", { lang, organisationId: result.organisationId }),
  );
}

export default function StaffPartnerNew({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("directory");
  const { t: tp } = useT("partners");
  const { lang, options } = loaderData;
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return (
    <>
      <PageTitle title={t("organisation.new")} hasErrors={Object.keys(errors).length > 0} />
      <nav aria-label={tp("breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/staff/partners", { lang })}>{tp("staff.list.title")}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t("organisation.new")}</h1>
      <OrganisationForm
        lang={lang}
        options={options}
        values={actionData?.values ?? { preferredLanguage: "fr" }}
        serverErrors={errors}
        submitLabel={t("organisation.create")}
      />
    </>
  );
}
