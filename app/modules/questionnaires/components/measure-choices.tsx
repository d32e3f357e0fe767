import { byTheme, type MeasureOption } from "~/modules/plan/measures";
import { useT } from "~/modules/i18n/use-t";

/**
 * The plan's measures grouped by theme in native disclosure widgets (no JavaScript needed), a
 * theme open when one of its measures is chosen. Plain inputs: the picker's page posts them.
 */
export function MeasureChoices(props: {
  name: string;
  /** The first box's id, which links to the question go to. */
  id: string;
  multiple: boolean;
  measures: readonly MeasureOption[];
  chosen: readonly string[];
}) {
  const { t } = useT("returns");
  const { id, name, measures } = props;
  const selected = new Set(props.chosen);
  return (
    <>
      {byTheme(measures).map(
        ({ code: themeCode, title: themeTitle, measures: inTheme }, themeIndex) => {
          const count = inTheme.filter((m) => selected.has(m.code)).length;
          return (
            <details key={themeCode} className="measure-group" open={count > 0 || undefined}>
              <summary>
                {t("form.theme", { code: themeCode, title: themeTitle })}
                {count > 0 ? ` (${t("form.selectedCount", { count })})` : ""}
              </summary>
              <div className="choices">
                {inTheme.map((m, i) => {
                  const optionId =
                    themeIndex === 0 && i === 0 ? id : `${id}-${m.code.replace(".", "-")}`;
                  return (
                    <div className="choice" key={m.code}>
                      <input
                        className="choice__input"
                        id={optionId}
                        name={name}
                        type={props.multiple ? "checkbox" : "radio"}
                        value={m.code}
                        defaultChecked={selected.has(m.code)}
                      />
                      <label className="choice__label" htmlFor={optionId}>
                        <strong>{m.code}</strong> {m.title}
                      </label>
                    </div>
                  );
                })}
              </div>
            </details>
          );
        },
      )}
    </>
  );
}
