import { Form } from "react-router";
import { TextField } from "~/components/ui/error-summary";
import { SubmitButton } from "~/components/ui/submit-button";
import { useT } from "~/modules/i18n/use-t";
import { colleagueSchema, contactEditSchema, contactRoles, contactSchema } from "../schema";
import {
  ChoiceGroup,
  DirectoryErrorSummary,
  listOf,
  textOf,
  useClientCheck,
  useFieldError,
  type FormValues,
} from "./fields";

/**
 * A contact: adding one asks the work email and language (used only for a new person);
 * editing keeps the email, the person's identity. Staff also say who administers the partner's
 * own colleagues; a partner's administrator invites colleagues without that choice.
 */
export function ContactForm(props: {
  mode: "add" | "edit" | "invite";
  values: FormValues;
  serverErrors: Record<string, string | undefined>;
  submitLabel: string;
  /** Where the form posts, when the page holds other forms. */
  action?: string;
}) {
  const { t } = useT("directory");
  const schema =
    props.mode === "add"
      ? contactSchema
      : props.mode === "edit"
        ? contactEditSchema
        : colleagueSchema;
  const { clientErrors, onSubmit } = useClientCheck(schema);
  const errors = { ...props.serverErrors, ...clientErrors };
  const err = useFieldError(errors);
  const { values } = props;
  const asksIdentity = props.mode !== "edit";
  return (
    <>
      <DirectoryErrorSummary errors={errors} />
      <Form method="post" noValidate onSubmit={onSubmit} action={props.action}>
        <input type="hidden" name="intent" value={props.mode} />
        {asksIdentity ? (
          <TextField
            name="email"
            type="email"
            label={t("contact.email")}
            hint={t("contact.emailHint")}
            error={err("email")}
            defaultValue={textOf(values, "email")}
            autoComplete="off"
            spellCheck={false}
          />
        ) : null}
        <TextField
          name="displayName"
          label={t("contact.displayName")}
          error={err("displayName")}
          defaultValue={textOf(values, "displayName")}
          autoComplete="off"
        />
        {asksIdentity ? (
          <ChoiceGroup
            type="radio"
            name="preferredLanguage"
            legend={t("contact.language")}
            hint={t("contact.languageHint")}
            error={err("preferredLanguage")}
            checked={listOf(values, "preferredLanguage")}
            inline
            options={[
              { value: "fr", label: t("languages.fr") },
              { value: "nl", label: t("languages.nl") },
            ]}
          />
        ) : null}
        <TextField
          name="jobTitle"
          label={t("contact.jobTitle")}
          error={err("jobTitle")}
          defaultValue={textOf(values, "jobTitle")}
        />
        <ChoiceGroup
          type="radio"
          name="reportRole"
          legend={t("contact.reportRole")}
          error={err("reportRole")}
          checked={listOf(values, "reportRole")}
          options={contactRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        />
        {props.mode !== "invite" ? (
          <ChoiceGroup
            type="checkbox"
            name="organisationAdmin"
            legend={t("contact.admin")}
            checked={listOf(values, "organisationAdmin")}
            options={[{ value: "on", label: t("contact.adminLabel") }]}
          />
        ) : null}
        <SubmitButton
          label={props.submitLabel}
          pendingLabel={t("form.saving")}
          action={props.action}
        />
      </Form>
    </>
  );
}
