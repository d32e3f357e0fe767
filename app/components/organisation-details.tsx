import { useT } from "~/modules/i18n/use-t";
import { localized, type Language } from "~/modules/i18n/languages";
import type { OrganisationKind } from "~/generated/prisma/enums";

type Named = { id: string; nameFr: string; nameNl: string };

export function OrganisationDetails(props: {
  lang: Language;
  organisation: Named & {
    kind: OrganisationKind;
    officialId: string | null;
    preferredLanguage: Language;
    parentCommune: Named | null;
    lisaAntennas: Named[];
    coveredCommunes: { commune: Named & { officialId: string | null } }[];
    coveringZones: { zone: Named }[];
    memberships: {
      id: string;
      jobTitle: string | null;
      user: { displayName: string; email: string; preferredLanguage: string };
    }[];
  };
}) {
  const { t } = useT("partners");
  const { lang, organisation } = props;
  const names = (items: Named[]) => items.map((item) => localized(item, "name", lang)).join(", ");
  return (
    <>
      <dl className="summary-list">
        <div>
          <dt>{t("organisation.kind")}</dt>
          <dd>{t(`kinds.${organisation.kind}`)}</dd>
        </div>
        <div>
          <dt>{t(`organisation.officialId.${organisation.kind}`)}</dt>
          <dd>{organisation.officialId ?? t("organisation.unknown")}</dd>
        </div>
        <div>
          <dt>{t("organisation.preferredLanguage")}</dt>
          <dd>{t(`languages.${organisation.preferredLanguage}`)}</dd>
        </div>
        {organisation.parentCommune ? (
          <div>
            <dt>{t("organisation.parentCommune")}</dt>
            <dd>{localized(organisation.parentCommune, "name", lang)}</dd>
          </div>
        ) : null}
        {organisation.coveredCommunes.length > 0 ? (
          <div>
            <dt>{t("organisation.coveredCommunes")}</dt>
            <dd>{names(organisation.coveredCommunes.map((c) => c.commune))}</dd>
          </div>
        ) : null}
        {organisation.coveringZones.length > 0 ? (
          <div>
            <dt>{t("organisation.policeZone")}</dt>
            <dd>{names(organisation.coveringZones.map((c) => c.zone))}</dd>
          </div>
        ) : null}
        {organisation.lisaAntennas.length > 0 ? (
          <div>
            <dt>{t("organisation.lisaAntennas")}</dt>
            <dd>{names(organisation.lisaAntennas)}</dd>
          </div>
        ) : null}
      </dl>
      <h2>{t("organisation.contacts")}</h2>
      {organisation.memberships.length === 0 ? (
        <p>{t("organisation.noContacts")}</p>
      ) : (
        <ul>
          {organisation.memberships.map((m) => (
            <li key={m.id}>
              {m.user.displayName}
              {m.jobTitle ? ` (${m.jobTitle})` : ""} –{" "}
              <a href={`mailto:${m.user.email}`}>{m.user.email}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
