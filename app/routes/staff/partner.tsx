import { Form, href, Link, redirect } from "react-router";
import type { Route } from "./+types/partner";
import { DataTable } from "~/components/ui/data-table";
import { PageTitle } from "~/components/ui/page-title";
import { can } from "~/modules/auth/permissions";
import { requirePermission } from "~/modules/auth/session.server";
import { setOrganisationArchived } from "~/modules/directory/organisations.server";
import { organisationHistory, staffOrganisation } from "~/modules/directory/reads.server";
import { formatDateTime, formatEuros } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { localized } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";
import { planCode } from "~/modules/plan/codes";
import { badRequest, notFound } from "~/utils/http.server";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "organisation:read-any");
  const organisation = await staffOrganisation(params.organisationId);
  if (!organisation) notFound();
  return {
    lang,
    organisation,
    history: await organisationHistory(organisation.id),
    canManage: can(current.roles, "directory:manage"),
  };
}

/** Archiving and unarchiving; the other changes have their own pages. */
export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "directory:manage");
  const intent = (await readFormData(request, SMALL_FORM_BYTES)).get("intent");
  if (intent !== "archive" && intent !== "unarchive") badRequest();
  const result = await setOrganisationArchived(
    current,
    params.organisationId,
    intent === "archive",
  );
  if (result.outcome === "not-found") notFound();
  throw redirect(
    href("/:lang/staff/partners/:organisationId", { lang, organisationId: params.organisationId }),
  );
}

export default function StaffPartner({ loaderData }: Route.ComponentProps) {
  const { t } = useT("directory");
  const { t: tp } = useT("partners");
  const { lang, organisation, history, canManage } = loaderData;
  const name = localized(organisation, "name", lang);
  const organisationId = organisation.id;
  const titleLang =
    organisation.preferredLanguage !== lang ? organisation.preferredLanguage : undefined;
  return (
    <>
      <PageTitle title={name} />
      <nav aria-label={tp("breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/staff/partners", { lang })}>{tp("staff.list.title")}</Link>
          </li>
        </ol>
      </nav>
      <h1>{name}</h1>
      {organisation.archivedAt ? (
        <p>
          <strong className="tag tag--grey">{t("organisation.archived")}</strong>{" "}
          {t("organisation.archivedSince", { when: formatDateTime(organisation.archivedAt, lang) })}
        </p>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>{t("organisation.kind")}</dt>
          <dd>{tp(`kinds.${organisation.kind}`)}</dd>
        </div>
        <div>
          <dt>{t("organisation.officialId")}</dt>
          <dd>{organisation.officialId ?? "–"}</dd>
        </div>
        <div>
          <dt>{t("organisation.nameFr")}</dt>
          <dd lang="fr">{organisation.nameFr}</dd>
        </div>
        <div>
          <dt>{t("organisation.nameNl")}</dt>
          <dd lang="nl">{organisation.nameNl}</dd>
        </div>
        <div>
          <dt>{t("organisation.language")}</dt>
          <dd>{t(`languages.${organisation.preferredLanguage}`)}</dd>
        </div>
        <div>
          <dt>{t("organisation.follower")}</dt>
          <dd>{organisation.followedBy?.displayName ?? t("form.nobody")}</dd>
        </div>
        {organisation.parentCommune ? (
          <div>
            <dt>{t("organisation.parentCommune")}</dt>
            <dd>{localized(organisation.parentCommune, "name", lang)}</dd>
          </div>
        ) : null}
        {organisation.coveredCommunes.length > 0 ? (
          <div>
            <dt>{t("organisation.communes")}</dt>
            <dd>
              {organisation.coveredCommunes
                .map((c) => localized(c.commune, "name", lang))
                .join(", ")}
            </dd>
          </div>
        ) : null}
      </dl>
      {canManage ? (
        <div className="button-group">
          <Link
            className="button button--secondary"
            to={href("/:lang/staff/partners/:organisationId/edit", { lang, organisationId })}
          >
            {t("organisation.edit")}
          </Link>
          <Form method="post" className="inline-form">
            <input
              type="hidden"
              name="intent"
              value={organisation.archivedAt ? "unarchive" : "archive"}
            />
            <button type="submit" className="button button--secondary">
              {organisation.archivedAt ? t("organisation.unarchive") : t("organisation.archive")}
            </button>
          </Form>
        </div>
      ) : null}

      <h2>{t("contacts.title")}</h2>
      {organisation.memberships.length === 0 ? <p>{t("contacts.none")}</p> : null}
      {organisation.memberships.length > 0 ? (
        <DataTable
          caption={t("contacts.title")}
          columns={[
            { label: t("contact.displayName") },
            { label: t("contact.email") },
            { label: t("contact.jobTitle") },
            { label: t("contact.reportRole") },
            { label: t("contact.admin") },
          ]}
        >
          <tbody>
            {organisation.memberships.map((m) => (
              <tr key={m.id}>
                <td>
                  {canManage ? (
                    <Link
                      to={href("/:lang/staff/partners/:organisationId/contacts/:membershipId", {
                        lang,
                        organisationId,
                        membershipId: m.id,
                      })}
                    >
                      {m.user.displayName}
                    </Link>
                  ) : (
                    m.user.displayName
                  )}
                </td>
                <td>{m.user.email}</td>
                <td>{m.jobTitle ?? "–"}</td>
                <td>{t(`roles.${m.reportRole}`)}</td>
                <td>{m.organisationAdmin ? t("form.yes") : t("form.no")}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      {canManage ? (
        <p>
          <Link
            className="button button--secondary"
            to={href("/:lang/staff/partners/:organisationId/contacts/new", {
              lang,
              organisationId,
            })}
          >
            {t("contacts.add")}
          </Link>
        </p>
      ) : null}

      <h2>{t("fundings.title")}</h2>
      {organisation.fundings.length === 0 ? <p>{t("fundings.none")}</p> : null}
      <ul className="card-list">
        {organisation.fundings.map((funding) => (
          <li key={funding.id} className="card">
            <h3 className="card__title" lang={titleLang}>
              {canManage ? (
                <Link
                  to={href("/:lang/staff/partners/:organisationId/fundings/:fundingId", {
                    lang,
                    organisationId,
                    fundingId: funding.id,
                  })}
                >
                  {funding.title}
                </Link>
              ) : (
                funding.title
              )}
            </h3>
            <dl className="summary-list">
              <div>
                <dt>{t("funding.channel")}</dt>
                <dd>{tp(`channels.${funding.channel}`)}</dd>
              </div>
              <div>
                <dt>{t("funding.years")}</dt>
                <dd>
                  {funding.startYear === funding.endYear
                    ? funding.startYear
                    : `${funding.startYear}–${funding.endYear}`}
                </dd>
              </div>
              <div>
                <dt>{t("funding.amount")}</dt>
                <dd>
                  {funding.amountCents != null ? formatEuros(funding.amountCents, lang) : "–"}
                </dd>
              </div>
              <div>
                <dt>{t("funding.measures")}</dt>
                <dd>
                  <ul className="measure-links">
                    {funding.measures.map(({ measure, link }) => (
                      <li key={measure.code}>
                        {measure.code}{" "}
                        <strong className={`tag ${link === "PRIMARY" ? "tag--blue" : "tag--grey"}`}>
                          {tp(`links.${link}`)}
                        </strong>{" "}
                        {localized(measure, "title", lang)}
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
              {funding.transversalMissions.length > 0 ? (
                <div>
                  <dt>{t("funding.missions")}</dt>
                  <dd>
                    {funding.transversalMissions
                      .map(({ mission }) => planCode(mission.code, lang))
                      .join(", ")}
                  </dd>
                </div>
              ) : null}
            </dl>
          </li>
        ))}
      </ul>
      {canManage ? (
        <p>
          <Link
            className="button button--secondary"
            to={href("/:lang/staff/partners/:organisationId/fundings/new", {
              lang,
              organisationId,
            })}
          >
            {t("fundings.add")}
          </Link>
        </p>
      ) : null}

      <h2>{t("history.title")}</h2>
      {history.length === 0 ? (
        <p>{t("history.none")}</p>
      ) : (
        <DataTable
          caption={t("history.title")}
          columns={[
            { label: t("history.when") },
            { label: t("history.who") },
            { label: t("history.what") },
          ]}
        >
          <tbody>
            {history.map((entry) => (
              <tr key={entry.id}>
                <td>{formatDateTime(entry.occurredAt, lang)}</td>
                <td>{entry.actorName ?? t("history.unknownActor")}</td>
                <td>
                  {t(`history.actions.${entry.action}`)}
                  {entry.changed.length > 0
                    ? ` (${entry.changed.map((field) => t(`history.fields.${field}`, { defaultValue: field })).join(", ")})`
                    : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </>
  );
}
