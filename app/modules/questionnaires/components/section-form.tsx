import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { useT } from "~/modules/i18n/use-t";
import { Form, useBlocker, useSubmit } from "react-router";
import { PageTitle } from "~/components/ui/page-title";
import { formatTime } from "~/modules/i18n/format";
import type { Language } from "~/modules/i18n/languages";
import type { RawAnswers } from "../answers";
import type { ValidationContext } from "../check-answers";
import { isMultiValued } from "../form-fields";
import { isVisible } from "../visibility";
import type { Question } from "../definition";
import { recordTypedText, savedFieldValues, takeTypedText } from "./typed-before-hydration";
import {
  RepeatableGroupField,
  SimpleQuestionField,
  type AttachmentView,
  type ComplexContext,
  type MeasureOption,
} from "./complex-fields";
import { ErrorSummaryList } from "./error-summary-list";
import { ConflictPanel, SaveAlerts } from "./save-notices";
import { flattenErrors } from "./form-errors";
import { useAutosave, type ConflictView } from "./use-autosave";

export type { ConflictView };

export interface SectionFormProps {
  lang: Language;
  questions: Question[];
  raw: RawAnswers;
  version: number;
  errors: Record<string, string>;
  measures: readonly MeasureOption[];
  attachments: AttachmentView[];
  attachmentUrl: (id: string) => string;
  /**
   * Inputs shown as a partner sees them, nothing can be saved: staff preview, or a return
   * that can no longer be changed.
   */
  preview?: boolean;
  conflict?: ConflictView | null;
  savedAt?: string | Date | null;
  /** The page title; the form sets it so errors found in the browser prefix it too. */
  title?: string;
  /** JSON endpoint of the autosave (routes/partner/return-section-autosave.tsx). */
  autosaveUrl?: string;
  /** Browser-storage key of the unsaved copy (return, section and user). */
  draftKey?: string;
  /** Where "sign in again" leads back to. */
  loginUrl?: string;
}

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const SECTION_FORM_ID = "section-form";

export function SectionForm(props: SectionFormProps) {
  const { t } = useT("returns");
  const formRef = useRef<HTMLFormElement>(null);
  const submit = useSubmit();
  const enhanced = !props.preview;
  const autosave = useAutosave({
    url: enhanced ? (props.autosaveUrl ?? null) : null,
    version: props.version,
    formRef,
    storageKey: enhanced ? (props.draftKey ?? null) : null,
    serverUpdatedAt: props.savedAt ?? null,
    initialConflict: props.conflict ?? null,
    initialSavedAt: props.savedAt ?? null,
  });
  const { conflict, setConflict, setVersion, changed } = autosave;
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  /** Rows removed in this page ("name:index"), undoable until the section is saved. */
  const [removedRows, setRemovedRows] = useState<ReadonlySet<string>>(new Set());
  const [removalNote, setRemovalNote] = useState("");
  const focusAfterRender = useRef<string | null>(null);
  const [restored, setRestored] = useState(false);
  // What is typed into the server's HTML before the scripts take over is kept from now on.
  recordTypedText(SECTION_FORM_ID);
  // The schema, and zod with it, are loaded when the form is checked (on "save and continue"),
  // not with the page: the server never checks, and the page's first load stays light.
  const resolver: Resolver<Record<string, unknown>, unknown, RawAnswers> = async (...args) => {
    const [{ zodResolver }, { attachmentsByQuestion, sectionAnswersSchema }] = await Promise.all([
      import("@hookform/resolvers/zod"),
      import("../check-answers"),
    ]);
    const validationContext: ValidationContext = {
      measureCodes: new Set(props.measures.map((m) => m.code)),
      attachmentsByQuestion: attachmentsByQuestion(props.attachments),
    };
    return zodResolver(sectionAnswersSchema(props.questions, validationContext))(...args);
  };
  const { register, watch, handleSubmit, setValue } = useForm<
    Record<string, unknown>,
    unknown,
    RawAnswers
  >({
    defaultValues: props.raw,
    resolver,
    shouldUnregister: false,
    // The error summary takes the focus, as GOV.UK does, not the first field.
    shouldFocusError: false,
  });
  const values = watch();
  const errors = clientErrors ?? props.errors;

  // An action's answer (a 400 with its new version, a 409 with the other version) arrives as
  // new props without a reload: keep the state in step.
  useEffect(() => setVersion(props.version), [props.version, setVersion]);
  useEffect(() => {
    if (props.conflict) setConflict(props.conflict);
  }, [props.conflict, setConflict]);
  useEffect(() => setClientErrors(null), [props.errors]);

  // Debounced autosave on every change: the browser's own input events (which React may not
  // pass on in the moments around hydration) and react-hook-form's changes made in code
  // (restored text, removed rows). A layout effect, so it listens from the commit on.
  useLayoutEffect(() => {
    const form = formRef.current;
    if (!enhanced || !form) return;
    // react-hook-form's watch() is not React-Compiler friendly; this component is not compiled.
    // eslint-disable-next-line react-hooks/incompatible-library
    const subscription = watch(() => changed());
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    return () => {
      subscription.unsubscribe();
      form.removeEventListener("input", changed);
      form.removeEventListener("change", changed);
    };
  }, [watch, changed, enhanced]);

  // Text typed here that never reached the server (session ended, tab closed offline): put
  // back in the form, said so, and saved.
  // Then what was typed before the scripts ran, newer still, is put back and saved too.
  // A layout effect: the saved answers are read before anyone can type over them.
  useLayoutEffect(() => {
    const typedBeforeHydration = takeTypedText();
    if (!enhanced) return;
    const put = (name: string, list: string[]) =>
      setValue(name, isMultiValued(props.questions, name) ? list : (list[0] ?? ""), {
        shouldDirty: true,
      });
    const form = formRef.current;
    const asSaved = form ? savedFieldValues(form) : new Map<string, string[]>();
    const entries = autosave.storedNewer();
    if (entries) {
      const grouped = new Map<string, string[]>();
      for (const [name, value] of entries) grouped.set(name, [...(grouped.get(name) ?? []), value]);
      for (const [name, list] of grouped) put(name, list);
      setRestored(true);
    }
    if (!typedBeforeHydration) return;
    // Unticked boxes and radios are not posted: a name gone from the typed form was cleared.
    for (const name of new Set([...asSaved.keys(), ...typedBeforeHydration.keys()])) {
      const typed = typedBeforeHydration.get(name) ?? [];
      if (JSON.stringify(typed) !== JSON.stringify(asSaved.get(name) ?? [])) put(name, typed);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, after the first render
  }, []);

  // A removed row is hidden and its inputs disabled once rendered: then the draft is saved
  // without it, and focus goes to its Undo button (the remove button is gone).
  const removalsSeen = useRef(removedRows);
  useEffect(() => {
    // Not on the first render: opening a page changes nothing and must not save anything.
    if (!enhanced || removalsSeen.current === removedRows) return;
    removalsSeen.current = removedRows;
    autosave.changed();
    const key = focusAfterRender.current;
    focusAfterRender.current = null;
    if (key)
      formRef.current?.querySelector<HTMLElement>(`[data-undo="${CSS.escape(key)}"]`)?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to removals only
  }, [removedRows]);

  const undoRemove = (key: string) => {
    const next = new Set(removedRows);
    next.delete(key);
    setRemovedRows(next);
    setRemovalNote(t("form.restoredRow"));
  };

  // Following a link inside the app: the pending save is sent and confirmed first; an ended
  // session or a conflict keeps the person here, with their text, to sort it out.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      enhanced && currentLocation.pathname !== nextLocation.pathname && autosave.isDirty(),
  );
  const blockerRef = useRef(blocker);
  blockerRef.current = blocker;
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    void autosave.flush().then((answer) => {
      const current = blockerRef.current;
      if (current.state !== "blocked") return;
      if (answer.outcome === "saved") current.proceed();
      else current.reset();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per blocked navigation
  }, [blocker.state]);

  /** Posts the form as that button would, once the pending autosave is confirmed. */
  async function send(button: HTMLButtonElement) {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form, button);
    const answer = await autosave.flush();
    if (answer.outcome === "session-expired" || answer.outcome === "conflict") return;
    data.set("_version", String(autosave.versionNow()));
    void submit(data, { method: "post", encType: "multipart/form-data" });
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (!enhanced) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (!submitter) return;
    event.preventDefault();
    if (submitter.value.startsWith("remove-row:")) {
      // Removed in the page, with an Undo, rather than saved at once by a round trip.
      const [, name, index] = submitter.value.split(":");
      const key = `${name}:${index}`;
      focusAfterRender.current = key;
      setRemovedRows(new Set(removedRows).add(key));
      setRemovalNote(t("form.removedNote", { label: submitter.dataset.rowLabel ?? "" }));
      return;
    }
    if (submitter.value.startsWith("upload:")) {
      // Refuse an oversized file before sending it: nothing typed is lost on the way.
      const questionId = submitter.value.slice("upload:".length);
      const input = event.currentTarget.elements.namedItem(`_file.${questionId}`);
      const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
      if (file && file.size > MAX_FILE_BYTES)
        setClientErrors({ [questionId]: "errors.attachmentSize" });
      else void send(submitter);
      return;
    }
    if (submitter.value !== "complete") return void send(submitter);
    const onValid = () => {
      setClientErrors(null);
      void send(submitter);
    };
    void handleSubmit(onValid, (fieldErrors) => {
      // Rows removed in the page are not posted: their errors do not count.
      const remaining = Object.fromEntries(
        Object.entries(flattenErrors(fieldErrors)).filter(
          ([path]) => ![...removedRows].some((key) => path.startsWith(`${key.replace(":", ".")}.`)),
        ),
      );
      if (Object.keys(remaining).length === 0) onValid();
      else setClientErrors(remaining);
    })();
  };

  const ctx: ComplexContext = {
    lang: props.lang,
    t,
    errors,
    register: enhanced ? (register as ComplexContext["register"]) : null,
    readOnly: Boolean(props.preview),
    measures: props.measures,
    attachments: props.attachments,
    attachmentUrl: props.attachmentUrl,
    removedRows,
    undoRemove,
  };
  // Visibility follows what is being typed; fields are drawn from the saved answers (drawing
  // them from live values would add a blank figures row at every keystroke).
  const current = (enhanced ? values : props.raw) as Record<string, unknown>;
  const saved = props.raw as Record<string, unknown>;
  // Figures: the filled rows as typed, then one blank row (added by the field itself). Chosen
  // measures are hidden inputs: they follow the form's values (a restored draft's choice).
  const valueOf = (q: Question) =>
    q.kind === "figuresTable" && enhanced
      ? ((current[q.id] as Record<string, string>[] | undefined) ?? []).filter(
          (row) => row && (row.label || row.value || row.unit),
        )
      : q.kind === "measurePicker"
        ? current[q.id]
        : saved[q.id];

  return (
    <>
      {props.title ? (
        <PageTitle title={props.title} hasErrors={Object.keys(errors).length > 0} />
      ) : null}
      <ErrorSummaryList errors={errors} questions={props.questions} lang={props.lang} />
      <SaveAlerts
        sessionExpired={autosave.sessionExpired}
        refused={autosave.refused}
        loginUrl={props.loginUrl}
        onSaveNow={() => void autosave.flush()}
      />
      {restored ? (
        <div className="inset inset--notice" role="status">
          <p>{t("form.restoredDraft")}</p>
        </div>
      ) : null}
      {conflict ? (
        <ConflictPanel
          conflict={conflict}
          lang={props.lang}
          questions={props.questions}
          measures={props.measures}
          onKeepMine={enhanced ? autosave.keepMine : null}
        />
      ) : null}
      <Form
        method="post"
        encType="multipart/form-data"
        noValidate
        ref={formRef}
        id={SECTION_FORM_ID}
        onSubmit={onSubmit}
        className="section-form"
        data-autosave={autosave.pending ? "pending" : "done"}
      >
        {props.preview ? null : (
          // First submit button of the form: Enter in a text field "clicks" it (implicit
          // submission), with or without JavaScript, so Enter saves and continues and never
          // presses a Remove or Add button further down.
          <button
            type="submit"
            name="_intent"
            value="complete"
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
          >
            {t("form.saveAndContinue")}
          </button>
        )}
        <input
          type="hidden"
          name="_version"
          value={conflict && !enhanced ? conflict.version : autosave.version}
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
          {autosave.status === "saving"
            ? t("form.saving")
            : autosave.status === "error"
              ? t("form.saveFailed")
              : autosave.savedAt
                ? t("form.savedAt", { time: formatTime(autosave.savedAt, props.lang) })
                : ""}
        </p>
      </Form>
      <p role="status" className="visually-hidden">
        {removalNote}
      </p>
    </>
  );
}
