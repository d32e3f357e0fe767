import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Form, useFetcher, useSubmit } from "react-router";
import { PageTitle } from "~/components/ui/page-title";
import { formatDateTime } from "~/modules/i18n/format";
import type { Language } from "~/modules/i18n/languages";
import {
  attachmentsByQuestion,
  formDataToObject,
  isMultiValued,
  isVisible,
  sectionAnswersSchema,
  type RawAnswers,
  type ValidationContext,
} from "../answers";
import type { Question } from "../definition";
import { AnswerSummary } from "./answer-summary";
import {
  RepeatableGroupField,
  SimpleQuestionField,
  type AttachmentView,
  type ComplexContext,
  type MeasureOption,
} from "./complex-fields";
import { ErrorSummaryList } from "./error-summary-list";

export interface ConflictView {
  answers: RawAnswers;
  version: number;
  updatedAt: string | Date;
  updatedBy: string | null;
}

export interface SectionFormProps {
  lang: Language;
  questions: Question[];
  raw: RawAnswers;
  version: number;
  errors: Record<string, string>;
  measures: MeasureOption[];
  attachments: AttachmentView[];
  attachmentUrl: (id: string) => string;
  /** Staff preview: inputs shown as a partner sees them, nothing can be saved. */
  preview?: boolean;
  conflict?: ConflictView | null;
  savedAt?: string | Date | null;
  /** The page title; the form sets it so errors found in the browser prefix it too. */
  title?: string;
}

type AutosaveResult =
  | { outcome: "saved" | "invalid"; version: number; savedAt: string }
  | { outcome: "conflict"; theirs: ConflictView }
  | { outcome: "locked" | "not-found" };

const AUTOSAVE_DELAY_MS = 1500;
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Posted fields (dot paths) → nested raw answers, the same parsing as the action. */
export function readForm(form: HTMLFormElement, questions: readonly Question[]) {
  const entries = [...new FormData(form).entries()].filter(([, v]) => typeof v === "string") as [
    string,
    string,
  ][];
  return formDataToObject(entries, (name) => isMultiValued(questions, name));
}

export function SectionForm(props: SectionFormProps) {
  const { t } = useTranslation("returns");
  const formRef = useRef<HTMLFormElement>(null);
  const submit = useSubmit();
  const fetcher = useFetcher<AutosaveResult>();
  const [version, setVersionState] = useState(props.version);
  const [conflict, setConflictState] = useState<ConflictView | null>(props.conflict ?? null);
  // Refs mirror the state for timers, unload handlers and queued submits, which outlive a render.
  const versionRef = useRef(props.version);
  const conflictRef = useRef<ConflictView | null>(props.conflict ?? null);
  const setVersion = (value: number) => {
    versionRef.current = value;
    setVersionState(value);
  };
  const setConflict = (value: ConflictView | null) => {
    conflictRef.current = value;
    setConflictState(value);
  };
  const [savedAt, setSavedAt] = useState<string | Date | null>(props.savedAt ?? null);
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** The latest answers, kept so they can still be sent after the form has gone. */
  const latest = useRef<FormData | null>(null);
  /** A button pressed while an autosave was on its way: sent once that save returns. */
  const queued = useRef<HTMLButtonElement | null>(null);
  const validationContext: ValidationContext = {
    measureCodes: new Set(props.measures.map((m) => m.code)),
    attachmentsByQuestion: attachmentsByQuestion(props.attachments),
  };
  const { register, watch, handleSubmit } = useForm<Record<string, unknown>, unknown, RawAnswers>({
    defaultValues: props.raw,
    resolver: zodResolver(sectionAnswersSchema(props.questions, validationContext)),
    shouldUnregister: false,
    // The error summary takes the focus, as GOV.UK does, not the first field.
    shouldFocusError: false,
  });
  const values = watch();
  const enhanced = !props.preview;
  const errors = clientErrors ?? props.errors;

  // An action's answer (a 400 with its new version, a 409 with the other version) arrives as
  // new props without a reload: keep the state in step.
  useEffect(() => setVersion(props.version), [props.version]);
  useEffect(() => {
    if (props.conflict) setConflict(props.conflict);
  }, [props.conflict]);
  useEffect(() => setClientErrors(null), [props.errors]);

  const answersOnly = (form: HTMLFormElement) => {
    const data = new FormData(form);
    for (const [key, value] of [...data.entries()]) if (typeof value !== "string") data.delete(key);
    data.set("_intent", "autosave");
    return data;
  };

  const autosave = useCallback(() => {
    const form = formRef.current;
    if (!form || props.preview || conflictRef.current) return; // a conflict is resolved first
    if (fetcher.state !== "idle") return; // saved again when the current save returns
    dirty.current = false;
    const data = answersOnly(form);
    data.set("_version", String(versionRef.current));
    void fetcher.submit(data, { method: "post", encType: "multipart/form-data" });
  }, [fetcher, props.preview]);

  // Debounced autosave on every change.
  useEffect(() => {
    if (!enhanced) return;
    // react-hook-form's watch() is not React-Compiler friendly; this component is not compiled.
    // eslint-disable-next-line react-hooks/incompatible-library
    const subscription = watch(() => {
      dirty.current = true;
      if (formRef.current) latest.current = answersOnly(formRef.current);
      clearTimeout(timer.current);
      timer.current = setTimeout(autosave, AUTOSAVE_DELAY_MS);
    });
    return () => subscription.unsubscribe();
  }, [watch, autosave, enhanced]);

  // Results of an autosave: new version and time, or the other person's version.
  useEffect(() => {
    const result = fetcher.data;
    if (fetcher.state !== "idle" || !result) return;
    if (result.outcome === "saved" || result.outcome === "invalid") {
      setVersion(result.version);
      setSavedAt(result.savedAt);
      const button = queued.current;
      queued.current = null;
      if (button) send(button);
      else if (dirty.current) {
        clearTimeout(timer.current);
        timer.current = setTimeout(autosave, AUTOSAVE_DELAY_MS);
      }
    } else if (result.outcome === "conflict") {
      queued.current = null;
      setConflict(result.theirs);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to a finished save only
  }, [fetcher.state, fetcher.data]);

  // Leaving: by closing the tab (pagehide), hiding it, or following a link (unmount), what is
  // not saved yet is sent with keepalive, so it arrives even as the page goes away.
  useEffect(() => {
    if (!enhanced) return;
    const action = formRef.current?.action ?? "";
    const flush = () => {
      const data = latest.current;
      if (!data || !dirty.current || conflictRef.current) return;
      clearTimeout(timer.current);
      data.set("_version", String(versionRef.current));
      dirty.current = false;
      void fetch(action, {
        method: "POST",
        body: data,
        keepalive: true,
        credentials: "same-origin",
      });
    };
    const onVisibility = () => document.visibilityState === "hidden" && flush();
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onVisibility);
      flush();
    };
  }, [enhanced]);

  /** Posts the form as that button would, with the version of the latest save. */
  function send(button: HTMLButtonElement) {
    const form = formRef.current;
    if (!form) return;
    clearTimeout(timer.current);
    dirty.current = false;
    const data = new FormData(form, button);
    data.set("_version", String(versionRef.current));
    void submit(data, { method: "post", encType: "multipart/form-data" });
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (!enhanced) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (!submitter) return;
    event.preventDefault();
    clearTimeout(timer.current);
    const dispatch = () => {
      if (fetcher.state !== "idle")
        queued.current = submitter; // sent when the autosave returns
      else send(submitter);
    };
    if (submitter.value.startsWith("upload:")) {
      // Refuse an oversized file before sending it: nothing typed is lost on the way.
      const questionId = submitter.value.slice("upload:".length);
      const input = event.currentTarget.elements.namedItem(`_file.${questionId}`);
      const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
      if (file && file.size > MAX_FILE_BYTES)
        setClientErrors({ [questionId]: "errors.attachmentSize" });
      else dispatch();
      return;
    }
    if (submitter.value !== "complete") return dispatch();
    void handleSubmit(
      () => {
        setClientErrors(null);
        dispatch();
      },
      (fieldErrors) => setClientErrors(flattenErrors(fieldErrors)),
    )();
  };

  const ctx: ComplexContext = {
    lang: props.lang,
    errors,
    register: enhanced ? (register as ComplexContext["register"]) : null,
    readOnly: Boolean(props.preview),
    measures: props.measures,
    attachments: props.attachments,
    attachmentUrl: props.attachmentUrl,
  };
  // Visibility follows what is being typed; fields are drawn from the saved answers (drawing
  // them from live values would add a blank figures row at every keystroke).
  const current = (enhanced ? values : props.raw) as Record<string, unknown>;
  const saved = props.raw as Record<string, unknown>;
  // Figures: the filled rows as typed, then one blank row (added by the field itself).
  const valueOf = (q: Question) =>
    q.kind === "figuresTable" && enhanced
      ? ((current[q.id] as Record<string, string>[] | undefined) ?? []).filter(
          (row) => row && (row.label || row.value || row.unit),
        )
      : saved[q.id];

  return (
    <>
      {props.title ? (
        <PageTitle title={props.title} hasErrors={Object.keys(errors).length > 0} />
      ) : null}
      <ErrorSummaryList errors={errors} questions={props.questions} lang={props.lang} />
      {conflict ? (
        <div className="conflict" role="alert" aria-labelledby="conflict-title">
          <h2 id="conflict-title">{t("conflict.title")}</h2>
          <p>
            {t("conflict.body", {
              name: conflict.updatedBy ?? t("conflict.someone"),
              when: formatDateTime(conflict.updatedAt, props.lang),
            })}
          </p>
          <details>
            <summary>{t("conflict.showTheirs")}</summary>
            <AnswerSummary
              questions={props.questions}
              raw={conflict.answers}
              lang={props.lang}
              measures={props.measures}
            />
          </details>
          <p>{t("conflict.howTo")}</p>
          {enhanced ? (
            <p className="button-group">
              <button
                type="button"
                className="button"
                onClick={() => {
                  setVersion(conflict.version);
                  setConflict(null);
                  dirty.current = true;
                  setTimeout(autosave, 0);
                }}
              >
                {t("conflict.keepMine")}
              </button>
              <a className="button button--secondary" href="?">
                {t("conflict.takeTheirs")}
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
      <Form
        method="post"
        encType="multipart/form-data"
        noValidate
        ref={formRef}
        onSubmit={onSubmit}
        className="section-form"
      >
        <input
          type="hidden"
          name="_version"
          value={conflict && !enhanced ? conflict.version : version}
        />
        {props.questions
          .filter((q) => isVisible(q, current))
          .map((q) =>
            q.kind === "repeatableGroup" ? (
              <RepeatableGroupField
                key={q.id}
                question={q}
                path={[q.id]}
                value={valueOf(q) as never}
                ctx={ctx}
                visible={isVisible}
              />
            ) : (
              <SimpleQuestionField
                key={q.id}
                question={q}
                path={[q.id]}
                value={valueOf(q) as never}
                ctx={ctx}
              />
            ),
          )}
        {props.preview ? null : (
          <div className="button-group">
            <button type="submit" name="_intent" value="complete" className="button">
              {t("form.saveAndContinue")}
            </button>
            <button type="submit" name="_intent" value="draft" className="button button--secondary">
              {t("form.saveDraft")}
            </button>
          </div>
        )}
        <p role="status" className="save-status">
          {fetcher.state !== "idle"
            ? t("form.saving")
            : savedAt
              ? t("form.savedAt", { time: formatTime(savedAt, props.lang) })
              : ""}
        </p>
      </Form>
    </>
  );
}

function formatTime(date: string | Date, lang: Language) {
  return new Intl.DateTimeFormat(lang === "nl" ? "nl-BE" : "fr-BE", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Europe/Brussels",
  }).format(new Date(date));
}

/** react-hook-form's nested errors → { "figures.0.value": "errors.number" }. */
function flattenErrors(errors: object, prefix: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== "object") continue;
    const path = [...prefix, key];
    if (typeof (value as { message?: unknown }).message === "string")
      out[path.join(".")] = (value as { message: string }).message;
    else Object.assign(out, flattenErrors(value, path));
  }
  return out;
}
