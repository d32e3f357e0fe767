import { useT } from "~/modules/i18n/use-t";
import { href } from "react-router";
import type { Route } from "./+types/organisation";
import { OrganisationPage } from "~/components/organisation-page";
import { requirePermission } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";
import { findOrganisationForUser } from "~/modules/organisations/organisations.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "organisation:read-own");
  // Scoped query: another organisation's id simply isn't found.
  const organisation = current.organisationIds.includes(params.organisationId)
    ? await findOrganisationForUser(current, params.organisationId)
    : null;
  if (!organisation) notFound();
  return { lang, organisation };
}

export default function PartnerOrganisation({ loaderData }: Route.ComponentProps) {
  const { t } = useT("partners");
  const { lang, organisation } = loaderData;
  return (
    <OrganisationPage
      lang={lang}
      organisation={organisation}
      back={{ to: href("/:lang/partner", { lang }), label: t("home.title") }}
    />
  );
}
