import { useId } from "react";

/**
 * The site's one data table: scrolls sideways inside its wrapper at 320 px (the page itself
 * never does), a caption for screen readers, column headers with scope, numbers right-aligned.
 * Rows are the children (a <tbody>), so each page keeps its own cells and row headers.
 * The wrapper is a focusable region named by the caption, so keyboard users can scroll a
 * table that has nothing focusable inside (WCAG 2.1.1; axe "scrollable-region-focusable").
 */
export function DataTable(props: {
  caption: string;
  /** Shown above the table; by default the caption is for screen readers only. */
  captionVisible?: boolean;
  columns: readonly { label: React.ReactNode; numeric?: boolean }[];
  className?: string;
  children: React.ReactNode;
}) {
  const captionId = useId();
  return (
    <div className="table-wrapper" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={`table${props.className ? ` ${props.className}` : ""}`}>
        <caption
          id={captionId}
          className={props.captionVisible ? "table__caption" : "visually-hidden"}
        >
          {props.caption}
        </caption>
        <thead>
          <tr>
            {props.columns.map((column, index) => (
              <th key={index} scope="col" className={column.numeric ? "numeric" : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        {props.children}
      </table>
    </div>
  );
}
