import { useT } from "~/modules/i18n/use-t";

/** React 19 hoists <title> into the head. Errors prefix the title, as GOV.UK does. */
export function PageTitle(props: { title: string; hasErrors?: boolean }) {
  const { t } = useT("common");
  const prefix = props.hasErrors ? `${t("errors.titlePrefix")} ` : "";
  return <title>{`${prefix}${props.title} – ${t("site.name")}`}</title>;
}
