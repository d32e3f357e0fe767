import { useT } from "~/modules/i18n/use-t";

export type TagTone = "green" | "blue" | "grey" | "yellow" | "red";

/** The one look of a tag; every status and marker on the site goes through it. */
export function Tag(props: {
  tone: TagTone;
  id?: string;
  title?: string;
  children: React.ReactNode;
}) {
  return (
    <strong className={`tag tag--${props.tone}`} id={props.id} title={props.title}>
      {props.children}
    </strong>
  );
}

/**
 * Tone of a status: done is green, under way is blue, the rest grey. Section statuses,
 * return statuses and template statuses share it so one colour means one thing.
 */
const statusTones: Record<string, TagTone> = {
  COMPLETED: "green",
  SUBMITTED: "green",
  PUBLISHED: "green",
  SENT: "green",
  RESUBMITTED: "green",
  APPROVED: "green",
  IN_PROGRESS: "blue",
  DRAFT: "blue",
  REOPENED: "blue",
  // Handed back to the partner: something to do.
  CHANGES_REQUESTED: "yellow",
  DEAD: "red",
};

/** A status tag: `label` is the translated status, `status` picks the colour. */
export function StatusTag(props: { status: string; label: string; id?: string }) {
  return (
    <Tag tone={statusTones[props.status] ?? "grey"} id={props.id}>
      {props.label}
    </Tag>
  );
}

/** Shown beside Dutch reference texts that staff have not yet confirmed. */
export function WorkingTranslationTag(props: { show: boolean }) {
  const { t } = useT("catalogue");
  if (!props.show) return null;
  return <Tag tone="grey">{t("workingTranslation")}</Tag>;
}

/**
 * The wording of this text is doubtful in the source. The staff's verification note is an
 * internal, English working note: readers get a translated explanation instead, in the tag's
 * accessible text as well as its tooltip.
 */
export function ToVerifyTag(props: { show: boolean }) {
  const { t } = useT("catalogue");
  if (!props.show) return null;
  return (
    <Tag tone="yellow" title={t("toVerifyHint")}>
      {t("toVerify")}
      <span className="visually-hidden"> ({t("toVerifyHint")})</span>
    </Tag>
  );
}

/**
 * "Late" or "closed" beside a return wherever it is listed (rule: modules/returns/status.ts);
 * "sent late" beside a return sent after its due date.
 */
export function DeadlineTag(props: {
  marker: "late" | "closed" | "past-grace" | "sentLate" | null | undefined;
}) {
  const { t } = useT("returns");
  if (!props.marker) return null;
  return (
    <Tag tone={props.marker === "closed" || props.marker === "past-grace" ? "grey" : "red"}>
      {t(`deadline.${props.marker}`)}
    </Tag>
  );
}
