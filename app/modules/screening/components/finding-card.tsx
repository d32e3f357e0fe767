// One possible piece of personal data, as staff see it: its kind, where it is (the narrative or
// a figure's label), the words around it with the match marked, how it stands, and, while it
// is open, the reviewer's three choices: confirm, redact (with the wording published instead)
// or override (with the reason). Plain forms posting to the finding's own page, which goes back
// to `returnTo` when done: they work without JavaScript, from the review page and the queue.
import { Form, href, Link, useNavigation } from "react-router";
import { Tag, type TagTone } from "~/components/ui/tags";
import { formatDateTime } from "~/modules/i18n/format";
import { shownAsData } from "~/modules/i18n/keys";
import type { Language } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";
import type { FindingEntry, FindingView } from "../finding-view";
import { resolutionFields } from "../resolution";

// Open: something to do; confirmed or redacted: masked or replaced; overridden: as written.
const statusTone: Record<FindingView["status"], TagTone> = {
  OPEN: "yellow",
  CONFIRMED: "green",
  REDACTED: "green",
  OVERRIDDEN: "grey",
};

export interface FindingFormState {
  /** Per field id: the message's key (screening). */
  errors?: Record<string, string>;
  /** What was typed, shown again. */
  values?: { replacement?: string; reason?: string };
}

export function FindingCard(props: {
  finding: FindingView;
  lang: Language;
  /** Where the forms come back to (a staff page's path and query). */
  returnTo: string;
  canResolve: boolean;
  headingLevel: 2 | 3 | 4;
  /** The queue names the entry; the review page groups findings by entry already. */
  entry?: FindingEntry;
  state?: FindingFormState;
}) {
  const { t } = useT("screening");
  const { finding, lang } = props;
  const Heading = `h${props.headingLevel}` as const;
  const titleId = `finding-${finding.id}-title`;
  return (
    <article className="finding" id={`finding-${finding.id}`} aria-labelledby={titleId}>
      <Heading id={titleId}>
        {t(`kinds.${finding.kind}`)}{" "}
        <Tag tone={statusTone[finding.status]}>{t(`statuses.${finding.status}`)}</Tag>
      </Heading>
      {props.entry ? <EntryOrigin entry={props.entry} lang={lang} /> : null}
      <p className="hint">
        {finding.figure
          ? t(finding.figure.part === "unit" ? "where.figureUnit" : "where.figure", {
              number: finding.figure.index + 1,
            })
          : t("where.narrative")}
      </p>
      <p className="finding__excerpt">
        <span className="visually-hidden">{t("finding.excerpt")} </span>
        {finding.excerpt.before}
        <mark>{finding.excerpt.match}</mark>
        {finding.excerpt.after}
      </p>
      {finding.status !== "OPEN" ? (
        <ul className="plain-list">
          <li>
            {t("finding.resolved", {
              status: t(`statuses.${finding.status}`),
              name: finding.resolvedBy ?? t("finding.formerUser"),
              date: finding.resolvedAt ? formatDateTime(finding.resolvedAt, lang) : "",
            })}
          </li>
          {finding.replacement ? (
            <li>{t("finding.published", { text: finding.replacement })}</li>
          ) : null}
          {finding.reason ? <li>{t("finding.reason", { reason: finding.reason })}</li> : null}
        </ul>
      ) : props.canResolve ? (
        <FindingActions
          finding={finding}
          lang={lang}
          returnTo={props.returnTo}
          state={props.state}
        />
      ) : null}
    </article>
  );
}

function EntryOrigin(props: { entry: FindingEntry; lang: Language }) {
  const { t } = useT("screening");
  const { entry, lang } = props;
  const label = t("finding.entry", {
    organisation: entry.organisationName,
    year: entry.year,
    measure: entry.measureCode,
  });
  return (
    <p>
      {label}
      {" – "}
      {entry.returnId ? (
        <Link
          to={`${href("/:lang/staff/returns/:returnId", { lang, returnId: entry.returnId })}#screening`}
        >
          {t("finding.openReturn", { organisation: entry.organisationName })}
        </Link>
      ) : entry.import ? (
        t("finding.imported", { file: entry.import.fileName, line: entry.import.line })
      ) : null}
    </p>
  );
}

function FindingActions(props: {
  finding: FindingView;
  lang: Language;
  returnTo: string;
  state?: FindingFormState;
}) {
  const { t } = useT("screening");
  const { finding, lang } = props;
  // Where to come back to travels in the action's address too: the finding's page, shown when
  // a form is refused, keeps it whatever happens to the page's state (a link to a field).
  const action = `${href("/:lang/staff/screening/:findingId", { lang, findingId: finding.id })}?${new URLSearchParams({ returnTo: props.returnTo })}`;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formAction === action;
  const errors = props.state?.errors ?? {};
  const replacementId = resolutionFields.replacement(finding.id);
  const reasonId = resolutionFields.reason(finding.id);
  const kind = t(`kinds.${finding.kind}`);
  return (
    <div className="finding__actions" role="group" aria-label={t("actions.legend", { kind })}>
      <Form method="post" action={action} preventScrollReset>
        <input type="hidden" name="returnTo" value={props.returnTo} />
        <p className="hint" id={`confirm-${finding.id}-hint`}>
          {t("actions.confirmHint")}
        </p>
        <button
          type="submit"
          name="action"
          value="confirm"
          className="button"
          aria-describedby={`confirm-${finding.id}-hint`}
          disabled={busy}
        >
          {t("actions.confirm")}
        </button>
      </Form>
      <Form method="post" action={action} preventScrollReset noValidate>
        <input type="hidden" name="returnTo" value={props.returnTo} />
        <TextField
          id={replacementId}
          name="replacement"
          label={t("actions.replacement")}
          hint={t("actions.replacementHint")}
          error={errors[replacementId]}
          defaultValue={props.state?.values?.replacement}
        />
        <button
          type="submit"
          name="action"
          value="redact"
          className="button button--secondary"
          disabled={busy}
        >
          {t("actions.redact")}
        </button>
      </Form>
      <Form method="post" action={action} preventScrollReset noValidate>
        <input type="hidden" name="returnTo" value={props.returnTo} />
        <TextField
          id={reasonId}
          name="reason"
          label={t("actions.reason")}
          hint={t("actions.reasonHint")}
          error={errors[reasonId]}
          defaultValue={props.state?.values?.reason}
        />
        <button
          type="submit"
          name="action"
          value="override"
          className="button button--secondary"
          disabled={busy}
        >
          {t("actions.override")}
        </button>
      </Form>
    </div>
  );
}

function TextField(props: {
  id: string;
  name: string;
  label: string;
  hint: string;
  error?: string;
  defaultValue?: string;
}) {
  const { t } = useT("screening");
  const { id, error } = props;
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={id}>
        {props.label}
      </label>
      <div id={`${id}-hint`} className="hint">
        {props.hint}
      </div>
      {error ? (
        <p id={`${id}-error`} className="error-message">
          {t(error, shownAsData(error))}
        </p>
      ) : null}
      <input
        className="input"
        id={id}
        name={props.name}
        type="text"
        autoComplete="off"
        defaultValue={props.defaultValue ?? ""}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ")}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}
