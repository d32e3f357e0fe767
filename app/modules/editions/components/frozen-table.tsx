import { DataTable } from "~/components/ui/data-table";
import type { ReportRow, ReportTable } from "~/modules/reports/table-model";

/**
 * One report table as an edition froze it: its title as the caption, a row header per row, the
 * cells' display text as printed ("5/9", "< 5"), the total row in the footer, and the note on
 * how it is counted below. Plain HTML: the same in the printable page.
 */
export function FrozenTable(props: {
  table: ReportTable;
  /** Heading level above the table: the page's h2, or h3 inside a section. */
  headingLevel?: 2 | 3;
  id?: string;
  emptyText: string;
  /** The rows' heading when the table names none. */
  rowHeading: string;
}) {
  const { table } = props;
  const Heading = props.headingLevel === 3 ? "h3" : "h2";
  const cells = (row: ReportRow) =>
    table.columns.map((column) => {
      const cell = row.cells[column.key];
      return (
        <td key={column.key} className={column.numeric ? "numeric" : undefined}>
          {cell?.display ?? ""}
        </td>
      );
    });
  return (
    <section className="frozen-table" aria-labelledby={props.id}>
      <Heading id={props.id}>{table.title}</Heading>
      {table.rows.length === 0 ? (
        <p>{props.emptyText}</p>
      ) : (
        <DataTable
          caption={table.title}
          columns={[{ label: table.rowHeading ?? props.rowHeading }, ...table.columns]}
        >
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {cells(row)}
              </tr>
            ))}
          </tbody>
          {table.total ? (
            <tfoot>
              <tr>
                <th scope="row">{table.total.label}</th>
                {cells(table.total)}
              </tr>
            </tfoot>
          ) : null}
        </DataTable>
      )}
      <p className="hint">{table.howCounted}</p>
    </section>
  );
}
