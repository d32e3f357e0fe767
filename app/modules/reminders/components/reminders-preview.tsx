// "What goes out on a chosen day": a dry run of the campaign's reminders at 09:00 Brussels that
// day. On a rehearsal server (REMINDERS_REHEARSAL=1, loopback only) an administrator may also
// send those messages, as `npm run reminders -- --at <day>T09:00` would: staff rehearse a
// campaign's whole schedule on a copy, and the end-to-end tests move the clock this way.
import { Form } from "react-router";
import { DataTable } from "~/components/ui/data-table";
import { shownAsData, type Key } from "~/modules/i18n/keys";
import type { Language } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";

interface PreviewLine {
  organisationName: string;
  organisationNameNl: string;
  kind:
    "INVITATION" | "BEFORE_DUE" | "DUE_DAY" | "AFTER_DUE" | "CHANGES_UNTOUCHED" | "REVIEW_WAITING";
  escalate: boolean;
  recipient: string;
  language: "fr" | "nl";
  status: "QUEUED" | "SKIPPED";
  skipReason?: "same-day" | "recently-reminded" | null;
}

export interface PreviewData {
  day: string;
  queued: number;
  skipped: number;
  lines: PreviewLine[];
  more: number;
}

export function RemindersPreview(props: {
  preview: PreviewData | null;
  previewInput: string | null;
  previewError: string | null;
  today: string;
  rehearsal: boolean;
  lang: Language;
}) {
  const { t } = useT("reminders");
  const { lang } = props;
  return (
    <>
      <h2>{t("preview.title")}</h2>
      <Form method="get">
        <div className={`form-group${props.previewError ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="on">
            {t("preview.day")}
          </label>
          <div id="on-hint" className="hint">
            {t("preview.hint")}
          </div>
          {props.previewError ? (
            <p id="on-error" className="error-message">
              {t(props.previewError as Key<"reminders">, shownAsData(props.previewError))}
            </p>
          ) : null}
          <input
            className="input input--short"
            type="date"
            id="on"
            name="on"
            defaultValue={props.previewInput ?? props.today}
            aria-describedby={props.previewError ? "on-hint on-error" : "on-hint"}
          />
        </div>
        <button type="submit" className="button button--secondary">
          {t("preview.show")}
        </button>
      </Form>
      {props.preview ? (
        <>
          <p role="status">
            {t("preview.total", { count: props.preview.queued, skipped: props.preview.skipped })}
          </p>
          {props.preview.lines.length > 0 ? (
            <DataTable
              caption={t("preview.title")}
              columns={[
                { label: t("columns.organisation") },
                { label: t("columns.kind") },
                { label: t("columns.recipient") },
                { label: t("columns.status") },
              ]}
            >
              <tbody>
                {props.preview.lines.map((line, index) => (
                  <tr key={index}>
                    <td>{lang === "nl" ? line.organisationNameNl : line.organisationName}</td>
                    <td>
                      {t(`kinds.${line.kind}`)}
                      {line.escalate ? <> – {t("rules.escalates")}</> : null}
                    </td>
                    <td>
                      {line.recipient} ({line.language.toUpperCase()})
                    </td>
                    <td>
                      {line.status === "QUEUED"
                        ? t("status.QUEUED")
                        : t(`skip.${line.skipReason ?? "same-day"}`)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          ) : null}
          {props.preview.more > 0 ? (
            <p>{t("preview.more", { count: props.preview.more })}</p>
          ) : null}
          {props.rehearsal && props.preview.queued > 0 ? (
            <Form method="post" className="panel">
              <p>{t("rehearsal.intro")}</p>
              <input type="hidden" name="intent" value="rehearse" />
              <input type="hidden" name="on" value={props.preview.day} />
              <button type="submit" className="button button--warning">
                {t("rehearsal.button", { count: props.preview.queued })}
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
    </>
  );
}
