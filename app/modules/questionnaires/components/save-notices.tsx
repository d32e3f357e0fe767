// What the section form tells the person about their saves: the session ended, the return no
// longer takes changes, or someone else saved this section in between (the conflict panel).
import { formatDateTime } from "~/modules/i18n/format";
import type { Language } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";
import type { Question } from "../definition";
import { AnswerSummary } from "./answer-summary";
import type { MeasureOption } from "./complex-fields";
import type { ConflictView, SaveRefusal } from "./use-autosave";

/** Announced as they appear (one live region, present from the first render). */
export function SaveAlerts(props: {
  sessionExpired: boolean;
  refused: SaveRefusal | null;
  loginUrl: string | undefined;
  onSaveNow: () => void;
}) {
  const { t } = useT("returns");
  return (
    <div role="alert">
      {props.sessionExpired ? (
        <div className="inset inset--notice session-expired">
          <h2>{t("sessionExpired.title")}</h2>
          <p>{t("sessionExpired.body")}</p>
          <p className="button-group">
            <a className="button" href={props.loginUrl} target="_blank" rel="noopener">
              {t("sessionExpired.signIn")}
            </a>
            <button type="button" className="button button--secondary" onClick={props.onSaveNow}>
              {t("sessionExpired.saveNow")}
            </button>
          </p>
        </div>
      ) : null}
      {props.refused ? (
        <div className="inset inset--notice save-refused">
          <h2>{t("saveRefused.title")}</h2>
          <p>{t(`saveRefused.${props.refused}`)}</p>
        </div>
      ) : null}
    </div>
  );
}

/**
 * Someone (or this person in another tab) saved the section since this page was loaded: their
 * answers to compare, and with JavaScript a choice to keep one's own or take theirs.
 */
export function ConflictPanel(props: {
  conflict: ConflictView;
  lang: Language;
  questions: Question[];
  measures: readonly MeasureOption[];
  /** null without JavaScript: the page itself then explains how to go on. */
  onKeepMine: (() => void) | null;
}) {
  const { t } = useT("returns");
  const { conflict, lang } = props;
  return (
    <div className="conflict" role="alert" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{t("conflict.title")}</h2>
      <p>
        {conflict.byYou
          ? t("conflict.ownBody", { when: formatDateTime(conflict.updatedAt, lang) })
          : t("conflict.body", {
              name: conflict.updatedBy ?? t("conflict.someone"),
              when: formatDateTime(conflict.updatedAt, lang),
            })}
      </p>
      <details>
        <summary>{t("conflict.showTheirs")}</summary>
        <AnswerSummary
          questions={props.questions}
          raw={conflict.answers}
          lang={lang}
          measures={props.measures}
        />
      </details>
      <p>{t("conflict.howTo")}</p>
      {props.onKeepMine ? (
        <p className="button-group">
          <button type="button" className="button" onClick={props.onKeepMine}>
            {t("conflict.keepMine")}
          </button>
          <a className="button button--secondary" href="?">
            {t("conflict.takeTheirs")}
          </a>
        </p>
      ) : null}
    </div>
  );
}
