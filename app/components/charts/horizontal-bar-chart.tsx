// A horizontal bar chart drawn as SVG on the server: no chart library and no script in the
// browser, so it shows the same with JavaScript off. Each bar has its name and its figure
// written beside it, so neither colour nor pattern is the only way to tell bars apart
// (WCAG 1.4.1); each bar is also outlined in a colour of at least 3:1 against white (1.4.11).
// The chart is one image for assistive technology (role="img", named by its title and
// description): the page gives the same figures in a table.
//
// Drawn in a 360-unit-wide viewBox, scaled to its container: at 320 px the text stays about
// 11 px, and the page never scrolls sideways (1.4.10).

export type BarPattern = "solid" | "diagonal" | "dots" | "crosshatch" | "horizontal" | "vertical";

export interface Bar {
  key: string;
  label: string;
  /** The figure written beside the bar: the same text as in the page's table. */
  valueLabel: string;
  /** Length of the bar, 0 to 1 of the chart's width. */
  fraction: number;
  pattern?: BarPattern;
  /** Outline and marks; at least 3:1 against white. */
  colour?: string;
}

const WIDTH = 360;
const ROW = 50;
const TEXT_BASELINE = 16;
const BAR_TOP = 23;
const BAR_HEIGHT = 18;
const TEXT = "#0b0c0c";
const TRACK = "#f3f2f1";
export const CHART_BRAND = "#003d6b";

/** The marks of a pattern in an 8×8 tile, drawn in `colour` on white. */
function PatternTile(props: { id: string; pattern: BarPattern; colour: string }) {
  const { id, pattern, colour } = props;
  const line = { stroke: colour, strokeWidth: 2 };
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="8" height="8">
      <rect width="8" height="8" fill={pattern === "solid" ? colour : "#fff"} />
      {pattern === "diagonal" ? <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" {...line} /> : null}
      {pattern === "crosshatch" ? (
        <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4 M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" {...line} />
      ) : null}
      {pattern === "dots" ? <circle cx="4" cy="4" r="2" fill={colour} /> : null}
      {pattern === "horizontal" ? <path d="M0,4 h8" {...line} /> : null}
      {pattern === "vertical" ? <path d="M4,0 v8" {...line} /> : null}
    </pattern>
  );
}

export function HorizontalBarChart(props: {
  /** Unique on the page: prefixes the ids of the title, description and patterns. */
  id: string;
  title: string;
  description: string;
  bars: readonly Bar[];
}) {
  const { id, title, description, bars } = props;
  const height = bars.length * ROW;
  return (
    <svg
      className="chart"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width={WIDTH}
      height={height}
      data-chart={id}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <defs>
        {bars.map((bar, index) => (
          <PatternTile
            key={bar.key}
            id={`${id}-pattern-${index}`}
            pattern={bar.pattern ?? "solid"}
            colour={bar.colour ?? CHART_BRAND}
          />
        ))}
      </defs>
      {bars.map((bar, index) => {
        const top = index * ROW;
        const fraction = Math.min(Math.max(bar.fraction, 0), 1);
        // Inside the track, so the 2-unit outline is never cut by the chart's edge.
        const length = fraction * (WIDTH - 2);
        return (
          <g key={bar.key} data-bar={bar.key}>
            <text className="chart__label" x="0" y={top + TEXT_BASELINE} fill={TEXT} fontSize="14">
              {bar.label}
            </text>
            <text
              className="chart__value"
              x={WIDTH}
              y={top + TEXT_BASELINE}
              fill={TEXT}
              fontSize="14"
              fontWeight="700"
              textAnchor="end"
            >
              {bar.valueLabel}
            </text>
            <rect x="0" y={top + BAR_TOP} width={WIDTH} height={BAR_HEIGHT} fill={TRACK} />
            {length > 0 ? (
              <rect
                x="1"
                y={top + BAR_TOP + 1}
                width={length}
                height={BAR_HEIGHT - 2}
                fill={`url(#${id}-pattern-${index})`}
                stroke={bar.colour ?? CHART_BRAND}
                strokeWidth="2"
              />
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
