// The header line of a contributions file: each column is a field, a figure or a problem.
// A file whose header line has a problem is not read further (its rows cannot be read by
// column); the problems are all reported at once.
import type { RawTable } from "~/modules/directory/import/read-file.server";
import { checkCell } from "~/modules/directory/import/cells";
import {
  contributionColumns,
  fieldOfHeader,
  figureColumnOf,
  type ContributionField,
  type FigureColumn,
} from "./columns";
import { rowError, type ContributionError } from "./errors";

export type ColumnRole =
  | { kind: "field"; field: ContributionField; header: string }
  | { kind: "figure"; figure: FigureColumn; header: string }
  | { kind: "ignored" };

export interface HeaderLayout {
  roles: ColumnRole[];
  headerOf: Partial<Record<ContributionField, string>>;
}

export function readHeaders(table: RawTable, errors: ContributionError[]): HeaderLayout | null {
  const roles: ColumnRole[] = [];
  const headerOf: Partial<Record<ContributionField, string>> = {};
  const figureLabels = new Set<string>();
  let usable = true;
  table.headers.forEach((raw, index) => {
    const header = raw.trim();
    const field = fieldOfHeader(header);
    const figure = field ? null : figureColumnOf(header);
    if (field) {
      if (headerOf[field] !== undefined) {
        errors.push(rowError("duplicateColumn", 1, header, { column: header }));
        usable = false;
      } else headerOf[field] = header;
      roles.push({ kind: "field", field, header });
    } else if (figure === "invalid") {
      errors.push(
        rowError("figureColumn", 1, header.slice(0, 60), { column: header.slice(0, 60) }),
      );
      usable = false;
      roles.push({ kind: "ignored" });
    } else if (figure) {
      const label = figure.label.toLowerCase();
      if (figureLabels.has(label)) {
        errors.push(rowError("duplicateColumn", 1, header, { column: header }));
        usable = false;
      }
      figureLabels.add(label);
      roles.push({ kind: "figure", figure, header });
    } else {
      roles.push({ kind: "ignored" });
      // A column without a header and without values (a stray separator) is nothing.
      const used = table.rows.some((row) => {
        const check = checkCell(row.cells[index]);
        return !check.ok || check.value !== null;
      });
      if (header === "" && !used) return;
      const shown = header === "" ? `#${index + 1}` : header.slice(0, 60);
      errors.push(rowError("unknownColumn", 1, header.slice(0, 60) || null, { column: shown }));
      usable = false;
    }
  });
  for (const spec of contributionColumns)
    if (spec.required && headerOf[spec.field] === undefined) {
      errors.push(
        rowError("missingColumn", 1, null, {
          column: [spec.header.en, spec.header.fr, spec.header.nl].join(" / "),
        }),
      );
      usable = false;
    }
  return usable ? { roles, headerOf } : null;
}
