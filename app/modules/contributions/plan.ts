// The dry run of a contributions file (pure, no I/O but yielding to other requests every 500
// rows): every row checked against a snapshot of the directory and the plans, giving either
// the entries to write or every problem with its line and column. The same function runs for
// the preview and again inside the import's transaction on a fresh snapshot.
import type {
  DatasetLink,
  FundingChannel,
  MeasureLink,
  OrganisationKind,
  PlanStatus,
} from "~/generated/prisma/enums";
import { checkCell, MAX_CELL_CHARS, type CellValue } from "~/modules/directory/import/cells";
import type { RawTable } from "~/modules/directory/import/read-file.server";
import { figureValueProblem, MAX_FIGURE_VALUE } from "~/modules/questionnaires/figure-value";
import type { ContributionField } from "./columns";
import { cellError, rowError, type ContributionError } from "./errors";
import { readHeaders } from "./headers";
import { importKeyOf } from "./key";
import {
  channelOf,
  figureValueOf,
  identifierKey,
  linkOf,
  measureCodeOf,
  nameKey,
  narrativeLanguageOf,
  yearOf,
} from "./values";

export interface SnapshotOrganisation {
  id: string;
  slug: string;
  kind: OrganisationKind;
  officialId: string | null;
  nameFr: string;
  nameNl: string;
}

export interface SnapshotPlan {
  id: string;
  code: string;
  startYear: number;
  endYear: number;
  status: PlanStatus;
  measures: readonly { id: string; code: string; themeId: string }[];
}

export interface ContributionSnapshot {
  organisations: readonly SnapshotOrganisation[];
  plans: readonly SnapshotPlan[];
  /** The measures each organisation's fundings name, with the years they cover. */
  fundingLinks: readonly {
    organisationId: string;
    measureId: string;
    startYear: number;
    endYear: number;
    link: MeasureLink;
  }[];
}

export interface PlannedEntry {
  line: number;
  importKey: string;
  year: number;
  planId: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  channel: FundingChannel;
  measureId: string;
  measureCode: string;
  themeId: string;
  link: DatasetLink;
  narrative: string;
  narrativeLanguage: "fr" | "nl" | null;
  figures: { label: string; value: number; unit: string }[];
}

export interface ContributionPlan {
  rowCount: number;
  entries: PlannedEntry[];
  errors: ContributionError[];
}

/** Which organisation kinds a channel is for (the report's columns of partners). */
export const kindsOfChannel: Record<FundingChannel, readonly OrganisationKind[]> = {
  FSE: ["POLICE_ZONE"],
  PBPP: ["COMMUNE"],
  LISA: ["LISA_ANTENNA", "COMMUNE"],
  REGIONAL: ["REGIONAL_BODY"],
  ASBL_CALL: ["NON_PROFIT"],
  ASBL_OUTSIDE_CALL: ["NON_PROFIT"],
};

/** The plan a year's contributions belong to: one covering the year, not a draft, the latest. */
export function planOfYear(plans: readonly SnapshotPlan[], year: number): SnapshotPlan | null {
  return (
    plans
      .filter((p) => p.status !== "DRAFT" && p.startYear <= year && year <= p.endYear)
      .sort((a, b) => b.startYear - a.startYear)[0] ?? null
  );
}

class Organisations {
  private byIdentifier = new Map<string, SnapshotOrganisation[]>();
  private byName = new Map<string, SnapshotOrganisation[]>();
  constructor(organisations: readonly SnapshotOrganisation[]) {
    const add = (
      map: Map<string, SnapshotOrganisation[]>,
      key: string,
      o: SnapshotOrganisation,
    ) => {
      const list = map.get(key) ?? [];
      if (!list.includes(o)) list.push(o);
      map.set(key, list);
    };
    for (const o of organisations) {
      if (o.officialId) add(this.byIdentifier, identifierKey(o.officialId), o);
      add(this.byIdentifier, identifierKey(o.slug), o);
      add(this.byName, nameKey(o.nameFr), o);
      add(this.byName, nameKey(o.nameNl), o);
    }
  }
  /** By official identifier or key first, then by exact French or Dutch name. */
  find(text: string): SnapshotOrganisation[] {
    return this.byIdentifier.get(identifierKey(text)) ?? this.byName.get(nameKey(text)) ?? [];
  }
}

const text = (value: CellValue) => (typeof value === "number" ? String(value) : value);

/**
 * The link of a row that does not say it: the link of a funding of the organisation naming that
 * measure for that year (primary if any says primary, else secondary), otherwise "other" (a
 * contribution outside what it was funded for).
 */
function defaultLinks(snapshot: ContributionSnapshot) {
  const byPair = new Map<string, ContributionSnapshot["fundingLinks"][number][]>();
  for (const f of snapshot.fundingLinks) {
    const key = `${f.organisationId}|${f.measureId}`;
    byPair.set(key, [...(byPair.get(key) ?? []), f]);
  }
  return (organisationId: string, measureId: string, year: number): DatasetLink => {
    const links = (byPair.get(`${organisationId}|${measureId}`) ?? []).filter(
      (f) => f.startYear <= year && year <= f.endYear,
    );
    if (links.some((f) => f.link === "PRIMARY")) return "PRIMARY";
    return links.length > 0 ? "SECONDARY" : "OTHER";
  };
}

export async function planContributions(
  table: RawTable,
  snapshot: ContributionSnapshot,
  onProgress?: (done: number, total: number) => void,
): Promise<ContributionPlan> {
  const errors: ContributionError[] = [];
  const layout = readHeaders(table, errors);
  if (!layout) return { rowCount: table.rows.length, entries: [], errors };
  const organisations = new Organisations(snapshot.organisations);
  const defaultLink = defaultLinks(snapshot);
  const measureCodes = new Set(snapshot.plans.flatMap((p) => p.measures.map((m) => m.code)));
  const entries: PlannedEntry[] = [];
  const seen = new Map<string, number>();
  let done = 0;
  for (const row of table.rows) {
    if (++done % 500 === 0) {
      onProgress?.(done, table.rows.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const before = errors.length;
    const values: Partial<Record<ContributionField, CellValue>> = {};
    const figures: PlannedEntry["figures"] = [];
    const bad = new Set<ContributionField>();
    layout.roles.forEach((role, index) => {
      const check = checkCell(row.cells[index]);
      if (role.kind === "ignored") return;
      if (!check.ok) {
        errors.push(cellError(check.code, row.line, role.header, { max: MAX_CELL_CHARS }));
        if (role.kind === "field") bad.add(role.field);
        return;
      }
      if (check.value === null) return;
      if (role.kind === "field") values[role.field] = check.value;
      else {
        const value = figureValueOf(check.value);
        if (value === null) errors.push(rowError("figureValue", row.line, role.header));
        else if (value === "ambiguous")
          errors.push(
            rowError("figureAmbiguous", row.line, role.header, { value: String(check.value) }),
          );
        else {
          // The return form's rule for a figure's number (0 or more, within a maximum).
          const problem = figureValueProblem(value);
          const shown = String(check.value).slice(0, 40);
          if (problem === "min")
            errors.push(rowError("figureNegative", row.line, role.header, { value: shown }));
          else if (problem === "max")
            errors.push(
              rowError("figureTooLarge", row.line, role.header, {
                value: shown,
                max: MAX_FIGURE_VALUE,
              }),
            );
          else figures.push({ label: role.figure.label, value, unit: role.figure.unit });
        }
      }
    });
    for (let index = layout.roles.length; index < row.cells.length; index++) {
      const check = checkCell(row.cells[index]);
      if (!check.ok || check.value !== null) {
        errors.push(rowError("unknownColumn", row.line, null, { column: `#${index + 1}` }));
        break;
      }
    }
    const at = (field: ContributionField) => layout.headerOf[field] ?? null;
    const required = (field: ContributionField) => {
      const value = values[field];
      if (value === undefined && !bad.has(field))
        errors.push(rowError("required", row.line, at(field)));
      return value;
    };

    const yearValue = required("year");
    const year = yearValue === undefined ? null : yearOf(yearValue);
    let plan: SnapshotPlan | null = null;
    if (yearValue !== undefined && year === null)
      errors.push(rowError("year", row.line, at("year"), { value: text(yearValue).slice(0, 20) }));
    else if (year !== null) {
      plan = planOfYear(snapshot.plans, year);
      if (!plan) errors.push(rowError("noPlanForYear", row.line, at("year"), { year }));
    }

    const organisationValue = required("organisation");
    let organisation: SnapshotOrganisation | null = null;
    if (organisationValue !== undefined) {
      const found = organisations.find(text(organisationValue));
      const shown = text(organisationValue).slice(0, 80);
      if (found.length === 1) organisation = found[0]!;
      else
        errors.push(
          rowError(
            found.length === 0 ? "unknownOrganisation" : "ambiguousOrganisation",
            row.line,
            at("organisation"),
            { value: shown },
          ),
        );
    }

    const channelValue = required("channel");
    const channel = channelValue === undefined ? null : channelOf(text(channelValue));
    if (channelValue !== undefined && !channel)
      errors.push(
        rowError("unknownChannel", row.line, at("channel"), {
          value: text(channelValue).slice(0, 40),
        }),
      );
    else if (channel && organisation && !kindsOfChannel[channel].includes(organisation.kind))
      errors.push(
        rowError("channelNotForKind", row.line, at("channel"), { value: text(channelValue!) }),
      );

    const measureValue = required("measure");
    let measure: SnapshotPlan["measures"][number] | null = null;
    if (typeof measureValue === "number")
      errors.push(
        rowError("measureAsNumber", row.line, at("measure"), { value: String(measureValue) }),
      );
    else if (measureValue !== undefined) {
      const code = measureCodeOf(measureValue);
      if (!code)
        errors.push(
          rowError("measureFormat", row.line, at("measure"), { value: measureValue.slice(0, 20) }),
        );
      else if (!measureCodes.has(code))
        errors.push(rowError("unknownMeasure", row.line, at("measure"), { value: code }));
      else if (plan) {
        measure = plan.measures.find((m) => m.code === code) ?? null;
        if (!measure)
          errors.push(
            rowError("measureNotInPlan", row.line, at("measure"), {
              value: code,
              plan: plan.code,
              year: year!,
            }),
          );
      }
    }

    const linkValue = values.link;
    const statedLink = linkValue === undefined ? null : linkOf(text(linkValue));
    if (linkValue !== undefined && !statedLink)
      errors.push(
        rowError("unknownLink", row.line, at("link"), { value: text(linkValue).slice(0, 40) }),
      );

    const languageValue = values.language;
    const narrativeLanguage =
      languageValue === undefined ? null : narrativeLanguageOf(text(languageValue));
    if (languageValue !== undefined && !narrativeLanguage)
      errors.push(
        rowError("unknownLanguage", row.line, at("language"), {
          value: text(languageValue).slice(0, 20),
        }),
      );

    if (errors.length > before || !plan || !organisation || !channel || !measure || year === null)
      continue;
    const narrative = values.narrative === undefined ? "" : text(values.narrative);
    const link = statedLink ?? defaultLink(organisation.id, measure.id, year);
    const keyed = {
      year,
      organisationId: organisation.id,
      channel,
      measureId: measure.id,
      link,
      narrative,
      figures,
    };
    const importKey = importKeyOf(keyed);
    const first = seen.get(importKey);
    if (first !== undefined) {
      errors.push(rowError("duplicateRow", row.line, null, { line: first }));
      continue;
    }
    seen.set(importKey, row.line);
    entries.push({
      ...keyed,
      line: row.line,
      importKey,
      planId: plan.id,
      organisationKind: organisation.kind,
      measureCode: measure.code,
      themeId: measure.themeId,
      narrativeLanguage,
    });
  }
  onProgress?.(table.rows.length, table.rows.length);
  return { rowCount: table.rows.length, entries, errors };
}
