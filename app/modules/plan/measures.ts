/** A measure of the plan as pickers and answer summaries show it, in the page language. */
export interface MeasureOption {
  code: string;
  title: string;
  themeCode: string;
  themeTitle: string;
}

export interface ThemeOfMeasures<M extends MeasureOption> {
  code: string;
  title: string;
  measures: M[];
}

/** Measures grouped by theme, in the order given (the catalogue's: theme, then measure). */
export function byTheme<M extends MeasureOption>(measures: readonly M[]): ThemeOfMeasures<M>[] {
  const themes = new Map<string, ThemeOfMeasures<M>>();
  for (const m of measures) {
    const theme = themes.get(m.themeCode);
    if (theme) theme.measures.push(m);
    else themes.set(m.themeCode, { code: m.themeCode, title: m.themeTitle, measures: [m] });
  }
  return [...themes.values()];
}
