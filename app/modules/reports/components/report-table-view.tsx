import { Link } from "react-router";
import { DataTable } from "~/components/ui/data-table";
import type { ReportRow, ReportTable } from "../table-model";

/**
 * A report table as an accessible HTML table: the caption is its title, the rows' labels are
 * row headers, and every cell with entries behind it links to its drill-down (`cellHref`).
 */
export function ReportTableView(props: {
  table: ReportTable;
  cellHref: (drill: string) => string;
}) {
  const { table, cellHref } = props;
  const row = (r: ReportRow, total: boolean) => (
    <tr key={r.key} className={total ? "table__total" : undefined}>
      <th scope="row">{total ? <strong>{r.label}</strong> : r.label}</th>
      {table.columns.map((column) => {
        const cell = r.cells[column.key];
        return (
          <td key={column.key} className={column.numeric ? "numeric" : undefined}>
            {cell?.drill ? (
              <Link to={cellHref(cell.drill)} data-cell={cell.drill}>
                {cell.display}
              </Link>
            ) : (
              (cell?.display ?? "")
            )}
          </td>
        );
      })}
    </tr>
  );
  return (
    <DataTable
      caption={table.title}
      columns={[
        { label: table.rowHeading ?? "" },
        ...table.columns.map((c) => ({ label: c.label, numeric: c.numeric })),
      ]}
    >
      <tbody>
        {table.rows.map((r) => row(r, false))}
        {table.total ? row(table.total, true) : null}
      </tbody>
    </DataTable>
  );
}
