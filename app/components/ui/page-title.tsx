import { useTranslation } from "react-i18next";

/** React 19 hoists <title> into the head. Errors prefix the title, as GOV.UK does. */
export function PageTitle(props: { title: string; hasErrors?: boolean }) {
  const { t } = useTranslation("common");
  const prefix = props.hasErrors ? `${t("errors.titlePrefix")} ` : "";
  return <title>{`${prefix}${props.title} – ${t("site.name")}`}</title>;
}
