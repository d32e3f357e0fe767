import { Form } from "react-router";
import { FilterSelect } from "~/components/ui/filter-select";
import { useT } from "~/modules/i18n/use-t";
import { MAX_YEAR, MIN_YEAR } from "../query";

/** The plan and period of the report pages: a GET form, so it works without JavaScript. */
export function PeriodForm(props: {
  action: string;
  plans: readonly { code: string; title: string }[];
  planCode: string;
  from: number;
  to: number;
}) {
  const { t } = useT("reports");
  return (
    <Form method="get" action={props.action} className="filters" aria-label={t("page.periodForm")}>
      <FilterSelect name="plan" label={t("page.plan")} defaultValue={props.planCode}>
        {props.plans.map((plan) => (
          <option key={plan.code} value={plan.code}>
            {plan.title}
          </option>
        ))}
      </FilterSelect>
      {(["from", "to"] as const).map((bound) => (
        <div className="form-group" key={bound}>
          <label className="label" htmlFor={`period-${bound}`}>
            {t(`page.${bound}`)}
          </label>
          <input
            className="input input--short"
            id={`period-${bound}`}
            name={bound}
            type="number"
            inputMode="numeric"
            min={MIN_YEAR}
            max={MAX_YEAR}
            defaultValue={props[bound]}
          />
        </div>
      ))}
      <button type="submit" className="button button--secondary">
        {t("page.show")}
      </button>
    </Form>
  );
}
