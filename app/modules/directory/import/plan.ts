// The dry run: what an import file would create, change or leave as it is, and every problem,
// computed from the file and a snapshot of the directory read once. No I/O (it only yields to
// other requests every 500 rows): the same function runs for the preview and again inside the
// import's transaction, on a fresh snapshot. Organisations come first (a contact or a funding
// may name one created by the same file).
import type { ReadSheet } from "./cells";
import { fileError, type RowError } from "./errors";
import {
  OrganisationIndex,
  type DirectorySnapshot,
  type ImportPlan,
  type PlanContext,
} from "./plan-context";
import { planContacts } from "./plan-contacts";
import { planFundings } from "./plan-fundings";
import { planOrganisations } from "./plan-organisations";

export * from "./plan-context";

export async function planImport(
  sheets: {
    organisations?: ReadSheet<"organisations">;
    contacts?: ReadSheet<"contacts">;
    fundings?: ReadSheet<"fundings">;
  },
  snapshot: DirectorySnapshot,
  readErrors: RowError[] = [],
): Promise<ImportPlan> {
  const context: PlanContext = {
    snapshot,
    errors: [...readErrors],
    rows: [],
    writes: {
      organisationsToCreate: [],
      organisationsToUpdate: [],
      coverage: [],
      usersToCreate: [],
      membershipsToCreate: [],
      membershipsToUpdate: [],
      fundingsToCreate: [],
      fundingsToUpdate: [],
    },
    organisations: new OrganisationIndex(),
    failedOrganisations: new Map(),
  };
  for (const o of snapshot.organisations)
    context.organisations.add({ ...o, ref: o.id, label: o.officialId ?? o.slug });
  if (sheets.organisations) await planOrganisations(context, sheets.organisations);
  if (sheets.contacts) await planContacts(context, sheets.contacts);
  if (sheets.fundings) {
    if (!snapshot.plan && sheets.fundings.rows.length > 0)
      context.errors.push(fileError("noActivePlan", undefined, { sheet: "fundings" }));
    else await planFundings(context, sheets.fundings);
  }
  const totals = {
    organisation: { create: 0, update: 0, unchanged: 0 },
    contact: { create: 0, update: 0, unchanged: 0 },
    funding: { create: 0, update: 0, unchanged: 0 },
  };
  for (const row of context.rows) totals[row.entity][row.action] += 1;
  const sheetOrder = [null, "organisations", "contacts", "fundings"];
  context.errors.sort(
    (a, b) =>
      sheetOrder.indexOf(a.sheet) - sheetOrder.indexOf(b.sheet) || (a.line ?? 0) - (b.line ?? 0),
  );
  return { rows: context.rows, errors: context.errors, writes: context.writes, totals };
}
