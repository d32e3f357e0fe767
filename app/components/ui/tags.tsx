import { useTranslation } from "react-i18next";

/** Shown beside Dutch reference texts that staff have not yet confirmed. */
export function WorkingTranslationTag(props: { show: boolean }) {
  const { t } = useTranslation("catalogue");
  if (!props.show) return null;
  return <strong className="tag tag--grey">{t("workingTranslation")}</strong>;
}

export function ToVerifyTag(props: { show: boolean; note?: string | null }) {
  const { t } = useTranslation("catalogue");
  if (!props.show) return null;
  return (
    <strong className="tag tag--yellow" title={props.note ?? undefined}>
      {t("toVerify")}
    </strong>
  );
}

/** "Late" or "closed" beside a return wherever it is listed (rule: modules/returns/status.ts). */
export function DeadlineTag(props: { marker: "late" | "closed" | null | undefined }) {
  const { t } = useTranslation("returns");
  if (!props.marker) return null;
  return (
    <strong className={`tag ${props.marker === "late" ? "tag--red" : "tag--grey"}`}>
      {t(`deadline.${props.marker}`)}
    </strong>
  );
}
