import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, type UseFormRegisterReturn } from "react-hook-form";
import { Form, useNavigation, useSubmit } from "react-router";
import { ErrorSummary } from "~/components/ui/error-summary";
import { shownAsData } from "~/modules/i18n/keys";
import { useT } from "~/modules/i18n/use-t";
import {
  campaignSettingsSchema,
  channelField,
  FUNDING_CHANNELS,
  kindField,
  ORGANISATION_KINDS,
  type CampaignSettingsForm,
  type CampaignSettingsParsed,
} from "../schema";

type FieldName = keyof CampaignSettingsForm & string;

/**
 * A campaign's settings: one zod schema checks it in the browser (react-hook-form) and in the
 * action; messages are keys translated here. Without JavaScript it is a plain form; on error the
 * server sends back what was typed.
 */
export function SettingsForm(props: {
  values: CampaignSettingsForm;
  errors: Record<string, string>;
  templates: readonly { id: string; label: string }[];
  /** Channels and kinds whose questionnaire is fixed ("channel:FSE", "kind:COMMUNE", "default"). */
  locked: readonly string[];
}) {
  const { t } = useT(["campaigns", "admin", "partners"]);
  const navigation = useNavigation();
  const submit = useSubmit();
  const form = useForm<CampaignSettingsForm, unknown, CampaignSettingsParsed>({
    defaultValues: props.values,
    resolver: zodResolver(campaignSettingsSchema),
    // The error summary takes the focus, as GOV.UK does, not the first field.
    shouldFocusError: false,
  });
  // A server answer remounts the form (the page keys it): what the browser found is dropped.
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors = Object.keys(clientErrors).length > 0 ? clientErrors : props.errors;
  const error = (name: string) => {
    const key = errors[name];
    return key ? t(key, shownAsData(key)) : undefined;
  };
  const field = (name: FieldName) => ({
    name,
    error: error(name),
    defaultValue: String(props.values[name] ?? ""),
    registration: form.register(name),
  });
  const isLocked = (target: string) => props.locked.includes(target);
  return (
    <Form
      method="post"
      noValidate
      id="settings-form"
      onSubmit={(event) => {
        const target = event.currentTarget;
        void form.handleSubmit(
          () => {
            setClientErrors({});
            void submit(target);
          },
          (found) =>
            setClientErrors(
              Object.fromEntries(
                Object.entries(found).map(([name, issue]) => [name, String(issue?.message ?? "")]),
              ),
            ),
        )(event);
      }}
    >
      <ErrorSummary errors={errors} ns="campaigns" />
      <input type="hidden" name="intent" value="settings" />
      <p>{t("settings.intro")}</p>
      <Input label={t("admin:campaigns.form.titleFr")} {...field("titleFr")} />
      <Input label={t("admin:campaigns.form.titleNl")} {...field("titleNl")} />
      <Input label={t("admin:campaigns.form.opensAt")} type="date" {...field("opensAt")} />
      <Input label={t("admin:campaigns.form.dueAt")} type="date" {...field("dueAt")} />
      <Input
        label={t("settings.grace")}
        hint={t("settings.graceHint")}
        inputMode="numeric"
        className="input--short"
        {...field("graceDays")}
      />
      <TemplateSelect
        label={t("settings.defaultTemplate")}
        templates={props.templates}
        locked={isLocked("default")}
        lockedHint={t("assignments.lockedHint")}
        {...field("templateId")}
      />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">{t("assignments.title")}</legend>
        <p className="hint">{t("assignments.intro")}</p>
        <h3>{t("assignments.channels")}</h3>
        {FUNDING_CHANNELS.map((channel) => (
          <TemplateSelect
            key={channel}
            label={t(`partners:channels.${channel}`)}
            templates={props.templates}
            emptyLabel={t("assignments.useDefault")}
            locked={isLocked(`channel:${channel}`)}
            lockedHint={t("assignments.lockedHint")}
            {...field(channelField(channel))}
          />
        ))}
        <h3>{t("assignments.kinds")}</h3>
        {ORGANISATION_KINDS.map((kind) => (
          <TemplateSelect
            key={kind}
            label={t(`partners:kinds.${kind}`)}
            templates={props.templates}
            emptyLabel={t("assignments.useDefault")}
            locked={isLocked(`kind:${kind}`)}
            lockedHint={t("assignments.lockedHint")}
            {...field(kindField(kind))}
          />
        ))}
      </fieldset>
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {t("settings.save")}
      </button>
    </Form>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue: string;
  registration: UseFormRegisterReturn;
}

function describedBy(props: FieldProps, extra?: string) {
  return (
    [
      props.hint ? `${props.name}-hint` : null,
      extra ?? null,
      props.error ? `${props.name}-error` : null,
    ]
      .filter(Boolean)
      .join(" ") || undefined
  );
}

function FieldFrame(props: FieldProps & { children: React.ReactNode }) {
  return (
    <div className={`form-group${props.error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={props.name}>
        {props.label}
      </label>
      {props.hint ? (
        <div id={`${props.name}-hint`} className="hint">
          {props.hint}
        </div>
      ) : null}
      {props.error ? (
        <p id={`${props.name}-error`} className="error-message">
          {props.error}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

function Input(
  props: FieldProps & {
    type?: "text" | "date";
    inputMode?: "numeric";
    className?: string;
  },
) {
  return (
    <FieldFrame {...props}>
      <input
        {...props.registration}
        className={`input${props.className ? ` ${props.className}` : ""}`}
        id={props.name}
        type={props.type ?? "text"}
        inputMode={props.inputMode}
        defaultValue={props.defaultValue}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? true : undefined}
      />
    </FieldFrame>
  );
}

/** A published template; a locked one is shown, and sent as it is, but cannot change. */
function TemplateSelect(
  props: FieldProps & {
    templates: readonly { id: string; label: string }[];
    emptyLabel?: string;
    locked: boolean;
    lockedHint: string;
  },
) {
  const lockedId = `${props.name}-locked`;
  const known = props.templates.some((t) => t.id === props.defaultValue);
  return (
    <FieldFrame {...props}>
      {props.locked ? (
        <div id={lockedId} className="hint">
          {props.lockedHint}
        </div>
      ) : null}
      {props.locked ? <input type="hidden" name={props.name} value={props.defaultValue} /> : null}
      <select
        {...(props.locked ? {} : props.registration)}
        className="select"
        id={props.name}
        name={props.locked ? undefined : props.name}
        defaultValue={props.defaultValue}
        disabled={props.locked}
        aria-describedby={describedBy(props, props.locked ? lockedId : undefined)}
        aria-invalid={props.error ? true : undefined}
      >
        {props.emptyLabel !== undefined ? <option value="">{props.emptyLabel}</option> : null}
        {!known && props.defaultValue ? (
          <option value={props.defaultValue}>{props.defaultValue}</option>
        ) : null}
        {props.templates.map((template) => (
          <option key={template.id} value={template.id}>
            {template.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
