import { TextField } from "~/components/ui/error-summary";
import { shownAsData } from "~/modules/i18n/keys";
import { useT } from "~/modules/i18n/use-t";

/** The authenticator app's six digits (verify and setup pages), with the page's error if any. */
export function TotpCodeField(props: { error: string | undefined; typed: string | undefined }) {
  const { t } = useT("auth");
  return (
    <TextField
      name="code"
      label={t("secondFactor.codeLabel")}
      hint={t("secondFactor.codeHint")}
      autoComplete="one-time-code"
      inputMode="numeric"
      spellCheck={false}
      className="input--short"
      error={props.error ? t(props.error, shownAsData(props.error)) : undefined}
      defaultValue={props.typed}
    />
  );
}
