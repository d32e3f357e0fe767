import { Form } from "react-router";
import { TextField } from "~/components/ui/error-summary";
import { SubmitButton } from "~/components/ui/submit-button";
import { localized, type Language } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";
import { fundingChannels } from "~/modules/organisations/schema";
import { planCode } from "~/modules/plan/codes";
import { fundingSchema, fundingValuesFromForm } from "../schema";
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

type Titled = { code: string; titleFr: string; titleNl: string };

export interface FundingFormOptions {
  themes: (Titled & { id: string; measures: Titled[] })[];
  missions: Titled[];
}

/**
 * A funding: channel, years, title, amount; then, theme by theme (a fieldset each), how each
 * measure of the active plan is funded (not, primary or secondary); then transversal missions.
 */
export function FundingForm(props: {
  lang: Language;
  options: FundingFormOptions;
  values: FormValues;
  serverErrors: Record<string, string | undefined>;
  formError?: string;
  version?: string;
  submitLabel: string;
}) {
  const { t } = useT("directory");
  const { t: tp } = useT("partners");
  const { clientErrors, onSubmit } = useClientCheck(fundingSchema, fundingValuesFromForm);
  const errors = { ...props.serverErrors, ...clientErrors };
  const err = useFieldError(errors);
  const { lang, values, options } = props;
  const measuresError = err("measures");
  return (
    <>
      <DirectoryErrorSummary errors={errors} formError={props.formError} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        {props.version ? <input type="hidden" name="version" value={props.version} /> : null}
        <input type="hidden" name="intent" value="save" />
        <SelectField
          name="channel"
          label={t("funding.channel")}
          error={err("channel")}
          defaultValue={textOf(values, "channel")}
          options={[
            { value: "", label: t("form.choose") },
            ...fundingChannels.map((c) => ({ value: c, label: tp(`channels.${c}`) })),
          ]}
        />
        <TextField
          name="startYear"
          label={t("funding.startYear")}
          error={err("startYear")}
          defaultValue={textOf(values, "startYear")}
          inputMode="numeric"
          className="input--short"
        />
        <TextField
          name="endYear"
          label={t("funding.endYear")}
          hint={t("funding.endYearHint")}
          error={err("endYear")}
          defaultValue={textOf(values, "endYear")}
          inputMode="numeric"
          className="input--short"
        />
        <TextField
          name="title"
          label={t("funding.title")}
          hint={t("funding.titleHint")}
          error={err("title")}
          defaultValue={textOf(values, "title")}
        />
        <TextField
          name="amount"
          label={t("funding.amount")}
          hint={t("funding.amountHint")}
          error={err("amount")}
          defaultValue={textOf(values, "amount")}
          inputMode="text"
          className="input--number"
        />
        <div className={`form-group${measuresError ? " form-group--error" : ""}`}>
          <fieldset
            className="fieldset"
            aria-describedby={`measures-hint${measuresError ? " measures-error" : ""}`}
          >
            <legend className="fieldset__legend fieldset__legend--m">
              {t("funding.measures")}
            </legend>
            <div id="measures-hint" className="hint">
              {t("funding.measuresHint")}
            </div>
            {measuresError ? (
              <p id="measures-error" className="error-message">
                {measuresError}
              </p>
            ) : null}
            {options.themes.map((theme, themeIndex) => (
              <fieldset className="fieldset" key={theme.id}>
                <legend className="fieldset__legend">
                  {theme.code}. {localized(theme, "title", lang)}
                </legend>
                {theme.measures.map((measure, index) => {
                  const name = `measure:${measure.code}`;
                  // The first select carries the id the error summary links to.
                  const id =
                    themeIndex === 0 && index === 0 ? "measures" : `measure-${measure.code}`;
                  return (
                    <div className="form-group" key={measure.code}>
                      <label className="label" htmlFor={id}>
                        {measure.code} {localized(measure, "title", lang)}
                      </label>
                      <select
                        className="select"
                        id={id}
                        name={name}
                        defaultValue={textOf(values, name) ?? ""}
                      >
                        <option value="">{t("funding.linkNone")}</option>
                        <option value="PRIMARY">{t("funding.linkPrimary")}</option>
                        <option value="SECONDARY">{t("funding.linkSecondary")}</option>
                      </select>
                    </div>
                  );
                })}
              </fieldset>
            ))}
          </fieldset>
        </div>
        <ChoiceGroup
          type="checkbox"
          name="mission"
          id="missionCodes"
          legend={t("funding.missions")}
          hint={t("funding.missionsHint")}
          error={err("missionCodes")}
          checked={listOf(values, "mission")}
          options={options.missions.map((m) => ({
            value: m.code,
            label: `${planCode(m.code, lang)} ${localized(m, "title", lang)}`,
          }))}
        />
        <SubmitButton label={props.submitLabel} pendingLabel={t("form.saving")} />
      </Form>
    </>
  );
}
