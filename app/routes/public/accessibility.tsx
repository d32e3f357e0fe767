import { useT } from "~/modules/i18n/use-t";
import type { Route } from "./+types/accessibility";
import { PageTitle } from "~/components/ui/page-title";
import { langParam } from "~/modules/i18n/lang-param";

export function loader({ params }: Route.LoaderArgs) {
  return { lang: langParam(params) };
}

export default function Accessibility() {
  const { t } = useT("common");
  return (
    <>
      <PageTitle title={t("accessibility.title")} />
      <h1>{t("accessibility.title")}</h1>
      <p>{t("accessibility.intro")}</p>
      <h2>{t("accessibility.complianceTitle")}</h2>
      <p>{t("accessibility.compliance")}</p>
      <h2>{t("accessibility.testingTitle")}</h2>
      <p>{t("accessibility.testing")}</p>
      <h2>{t("accessibility.contactTitle")}</h2>
      <p>{t("accessibility.contact")}</p>
    </>
  );
}
