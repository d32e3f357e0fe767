// The server-drawn bar chart (components/charts/horizontal-bar-chart.tsx): one image named by
// its title and description, each bar with its name and figure written beside it, its own
// pattern and an outline, lengths in proportion; plain SVG markup, no script.
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { HorizontalBarChart } from "~/components/charts/horizontal-bar-chart";

function render() {
  return renderToStaticMarkup(
    h(HorizontalBarChart, {
      id: "chart-test",
      title: "Rapports par état",
      description: "Les mêmes chiffres figurent dans le tableau.",
      bars: [
        { key: "a", label: "Pas commencés", valueLabel: "3 (30,0 %)", fraction: 0.3 },
        {
          key: "b",
          label: "Approuvés",
          valueLabel: "7 (70,0 %)",
          fraction: 0.7,
          pattern: "diagonal",
          colour: "#00703c",
        },
        { key: "c", label: "En cours", valueLabel: "0 (0,0 %)", fraction: 0 },
        { key: "d", label: "Trop", valueLabel: "x", fraction: 1.5 },
      ],
    }),
  );
}

/** The text of the first element matching `pattern`'s capture in `markup`. */
const first = (markup: string, pattern: RegExp) => pattern.exec(markup)?.[1];

describe("the horizontal bar chart", () => {
  const svg = render();
  const root = first(svg, /^(<svg[^>]*>)/)!;
  const bars = [...svg.matchAll(/<g data-bar="(\w+)">(.*?)<\/g>/g)].map((m) => m[2]!);

  it("is one image named by its title and description", () => {
    expect(root).toContain('role="img"');
    expect(root).toContain('aria-labelledby="chart-test-title chart-test-desc"');
    expect(first(svg, /<title id="chart-test-title">(.*?)<\/title>/)).toBe("Rapports par état");
    expect(first(svg, /<desc id="chart-test-desc">(.*?)<\/desc>/)).toBe(
      "Les mêmes chiffres figurent dans le tableau.",
    );
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("style=");
  });

  it("writes each bar's name and figure, and draws it in proportion with its own pattern", () => {
    expect(bars.map((g) => first(g, /class="chart__label"[^>]*>(.*?)<\/text>/))).toEqual([
      "Pas commencés",
      "Approuvés",
      "En cours",
      "Trop",
    ]);
    expect(bars.map((g) => first(g, /class="chart__value"[^>]*>(.*?)<\/text>/))).toEqual([
      "3 (30,0 %)",
      "7 (70,0 %)",
      "0 (0,0 %)",
      "x",
    ]);
    const filled = bars.map((g) => first(g, /(<rect[^>]*stroke="[^"]+"[^>]*>)/));
    // A zero bar draws nothing but its track; a bar over 100 % stops at the track's end.
    expect(filled[2]).toBeUndefined();
    const width = (i: number) => Number(first(filled[i]!, / width="([\d.]+)"/));
    expect(width(1) / width(0)).toBeCloseTo(7 / 3, 5);
    expect(width(3)).toBe(358);
    expect(filled[1]).toContain('fill="url(#chart-test-pattern-1)"');
    expect(filled[1]).toContain('stroke="#00703c"');
    const pattern = first(svg, /(<pattern id="chart-test-pattern-1".*?<\/pattern>)/)!;
    expect(pattern).toContain('<path d="M-2,2');
    expect(pattern).toContain('stroke="#00703c"');
  });
});
