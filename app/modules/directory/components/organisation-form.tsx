import { Form } from "react-router";
import { TextField } from "~/components/ui/error-summary";
import { SubmitButton } from "~/components/ui/submit-button";
import { localized, type Language } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";
import { organisationKinds } from "~/modules/organisations/schema";
import { organisationEditSchema, organisationSchema } from "../schema";
import {
  ChoiceGroup,
  DirectoryErrorSummary,
  listOf,
  SelectField,
  textOf,
  useClientCheck,
  useFieldError,
  type FormValues,
} from "./fields";

export interface OrganisationFormOptions {
  communes: { id: string; nameFr: string; nameNl: string; officialId: string | null }[];
  staff: { id: string; displayName: string }[];
}

/**
 * Creating or editing an organisation. Every field is shown whatever the kind (the page works
 * without JavaScript); hints say which kinds use the identifier, the commune and the coverage,
 * and the schema drops what a kind does not use.
 */
export function OrganisationForm(props: {
  lang: Language;
  options: OrganisationFormOptions;
  values: FormValues;
  serverErrors: Record<string, string | undefined>;
  formError?: string;
  /** Editing: the version (updatedAt) the form was read at. */
  version?: string;
  submitLabel: string;
}) {
  const { t } = useT("directory");
  const { t: tp } = useT("partners");
  const { clientErrors, onSubmit } = useClientCheck(
    props.version ? organisationEditSchema : organisationSchema,
  );
  const errors = { ...props.serverErrors, ...clientErrors };
  const err = useFieldError(errors);
  const { lang, values, options } = props;
  const communeOptions = options.communes.map((c) => ({
    value: c.id,
    label: `${localized(c, "name", lang)} (${c.officialId ?? "–"})`,
  }));
  return (
    <>
      <DirectoryErrorSummary errors={errors} formError={props.formError} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        {props.version ? <input type="hidden" name="version" value={props.version} /> : null}
        <SelectField
          name="kind"
          label={t("organisation.kind")}
          error={err("kind")}
          defaultValue={textOf(values, "kind")}
          options={[
            { value: "", label: t("form.choose") },
            ...organisationKinds.map((kind) => ({ value: kind, label: tp(`kinds.${kind}`) })),
          ]}
        />
        <TextField
          name="officialId"
          label={t("organisation.officialId")}
          hint={t("organisation.officialIdHint")}
          error={err("officialId")}
          defaultValue={textOf(values, "officialId")}
          spellCheck={false}
        />
        <TextField
          name="nameFr"
          label={t("organisation.nameFr")}
          error={err("nameFr")}
          defaultValue={textOf(values, "nameFr")}
        />
        <TextField
          name="nameNl"
          label={t("organisation.nameNl")}
          error={err("nameNl")}
          defaultValue={textOf(values, "nameNl")}
        />
        <ChoiceGroup
          type="radio"
          name="preferredLanguage"
          legend={t("organisation.language")}
          error={err("preferredLanguage")}
          checked={listOf(values, "preferredLanguage")}
          inline
          options={[
            { value: "fr", label: t("languages.fr") },
            { value: "nl", label: t("languages.nl") },
          ]}
        />
        <SelectField
          name="followedById"
          label={t("organisation.follower")}
          hint={t("organisation.followerHint")}
          error={err("followedById")}
          defaultValue={textOf(values, "followedById")}
          options={[
            { value: "", label: t("form.nobody") },
            ...options.staff.map((s) => ({ value: s.id, label: s.displayName })),
          ]}
        />
        <SelectField
          name="parentCommuneId"
          label={t("organisation.parentCommune")}
          hint={t("organisation.parentCommuneHint")}
          error={err("parentCommuneId")}
          defaultValue={textOf(values, "parentCommuneId")}
          options={[{ value: "", label: t("form.none") }, ...communeOptions]}
        />
        <ChoiceGroup
          type="checkbox"
          name="coveredCommuneIds"
          legend={t("organisation.communes")}
          hint={t("organisation.communesHint")}
          error={err("coveredCommuneIds")}
          checked={listOf(values, "coveredCommuneIds")}
          options={communeOptions}
        />
        <SubmitButton label={props.submitLabel} pendingLabel={t("form.saving")} />
      </Form>
    </>
  );
}
