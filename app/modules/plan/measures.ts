/** A measure of the plan as pickers and answer summaries show it, in the page language. */
export interface MeasureOption {
  code: string;
  title: string;
  themeCode: string;
  themeTitle: string;
}
