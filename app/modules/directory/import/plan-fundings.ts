// Funding rows, matched by (organisation, channel, start year, title): the funding's end year,
// amount, and its measures and missions in the active plan. Links to an older plan's measures
// are history and stay as they are. Rules of the staff form (the directory's fundingSchema).
import type { MeasureLink } from "~/generated/prisma/enums";
import { fundingSchema } from "~/modules/directory/schema";
import type { ReadSheet, SheetRow } from "./cells";
import type { FieldOf } from "./columns";
import { resolveOrganisation } from "./plan-organisations";
import {
  eachRow,
  fundingKey,
  isNewRef,
  rowError,
  schemaKey,
  type PlanContext,
} from "./plan-context";
import { channelOf, listOf, measureListOf, missionCodeOf, yearOf } from "./values";

type Row = SheetRow<"fundings">;
type Field = FieldOf<"fundings">;

const schemaFields: Record<string, Field> = {
  channel: "channel",
  startYear: "startYear",
  endYear: "endYear",
  title: "title",
  amount: "amount",
  measures: "measures",
  missionCodes: "missions",
};

const text = (value: string | number | undefined) =>
  value === undefined ? undefined : String(value);

export async function planFundings(context: PlanContext, sheet: ReadSheet<"fundings">) {
  const seen = new Map<string, number>();
  await eachRow(sheet.rows, (row) => planRow(context, sheet, row, seen));
}

function planRow(
  context: PlanContext,
  sheet: ReadSheet<"fundings">,
  row: Row,
  seen: Map<string, number>,
) {
  const plan = context.snapshot.plan!;
  const errorsBefore = context.errors.length;
  const fail = (
    field: Field | null,
    key: Parameters<typeof rowError>[4],
    params?: Record<string, string | number>,
  ) => rowError(context, "fundings", row, field, key, params);
  const { values } = row;

  const organisationText = text(values.organisation);
  const resolved = organisationText
    ? resolveOrganisation(context, organisationText, text(values.organisationKind))
    : null;
  if (!organisationText) fail("organisation", "required");
  else if (resolved && !resolved.ok) fail("organisation", resolved.key, resolved.params);
  const organisation = resolved?.ok ? resolved.organisation : null;

  const channelText = text(values.channel);
  const channel = channelText ? channelOf(channelText) : null;
  if (channelText && !channel)
    fail("channel", "unknownChannel", { value: channelText.slice(0, 40) });
  for (const field of ["startYear", "endYear"] as const) {
    const value = values[field];
    if (value !== undefined && yearOf(value) === null) fail(field, "year");
  }
  const startYear = values.startYear === undefined ? null : yearOf(values.startYear);
  const title = text(values.title) ?? "";
  const existing =
    organisation && channel && startYear !== null && !isNewRef(organisation.ref)
      ? context.snapshot.fundings.get(
          fundingKey(organisation.ref, channel, startYear, title.replace(/\s+/g, " ")),
        )
      : undefined;

  // Measures: "4.10:primary|5.1:secondary"; a number cell (4.1 for "4.10") is not guessed.
  const measuresValue = values.measures;
  let measures: { code: string; link: MeasureLink }[] = [];
  if (typeof measuresValue === "number") fail("measures", "measureList");
  else if (measuresValue !== undefined) {
    const list = measureListOf(measuresValue);
    if (!list) fail("measures", "measureList");
    else {
      const codes = new Set<string>();
      for (const item of list) {
        if (!plan.measures.has(item.code)) fail("measures", "unknownMeasure", { code: item.code });
        else if (codes.has(item.code)) fail("measures", "duplicateMeasure", { code: item.code });
        codes.add(item.code);
      }
      measures = list;
    }
  }

  let missionCodes: string[];
  if (sheet.columns.has("missions")) {
    missionCodes = [];
    for (const item of listOf(text(values.missions) ?? "")) {
      const code = missionCodeOf(item);
      if (!code || !plan.missions.has(code))
        fail("missions", "unknownMission", { code: item.slice(0, 20) });
      else missionCodes.push(code);
    }
  } else {
    const codeOf = new Map([...plan.missions].map(([code, id]) => [id, code]));
    missionCodes = [...(existing?.missionIds ?? [])].map((id) => codeOf.get(id)!).filter(Boolean);
  }

  const amountValue = values.amount;
  const amount = sheet.columns.has("amount")
    ? (amountValue ?? null)
    : existing?.amountCents === undefined || existing.amountCents === null
      ? null
      : existing.amountCents / 100;

  // A spreadsheet number with more than cents (12.345 typed as a decimal) is not rounded away.
  if (
    typeof amountValue === "number" &&
    Math.abs(amountValue * 100 - Math.round(amountValue * 100)) > 1e-6
  )
    fail("amount", "directory:errors.amount");
  const parsed = fundingSchema.safeParse({
    channel: channel ?? channelText ?? "",
    startYear: values.startYear === undefined ? "" : String(values.startYear),
    endYear: values.endYear === undefined ? "" : String(values.endYear),
    title,
    amount: typeof amount === "number" ? amount : amount === null ? null : amount,
    measures,
    missionCodes,
  });
  if (!parsed.success) {
    const said = new Set(context.errors.slice(errorsBefore).map((e) => e.column));
    const reported = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = schemaFields[String(issue.path[0])] ?? null;
      // Problems already said in the import's own words are not said twice.
      if (field && said.has(row.headers[field] ?? null)) continue;
      const id = `${field}|${issue.message}`;
      if (reported.has(id)) continue;
      reported.add(id);
      fail(field, schemaKey(issue.message));
    }
  }
  if (organisation && channel && startYear !== null) {
    const key = fundingKey(organisation.ref, channel, startYear, title.replace(/\s+/g, " ").trim());
    const first = seen.get(key);
    if (first !== undefined) fail("title", "duplicateRow", { line: first });
    else seen.set(key, row.line);
  }
  if (!parsed.success || !organisation || context.errors.length > errorsBefore || row.hasCellErrors)
    return;

  const input = parsed.data;
  const write = {
    organisationRef: organisation.ref,
    channel: input.channel,
    startYear: input.startYear,
    endYear: input.endYear,
    title: input.title,
    amountCents: input.amount,
    measures: input.measures.map((m) => ({ measureId: plan.measures.get(m.code)!, link: m.link })),
    missionIds: input.missionCodes.map((code) => plan.missions.get(code)!),
  };
  const base = {
    sheet: "fundings" as const,
    line: row.line,
    entity: "funding" as const,
    label: input.title,
    organisation: organisation.label,
  };
  if (!existing) {
    context.writes.fundingsToCreate.push(write);
    context.rows.push({ ...base, action: "create", changes: [] });
    return;
  }
  const changes: string[] = [];
  if (write.endYear !== existing.endYear) changes.push("end_year");
  if (write.amountCents !== existing.amountCents) changes.push("amount");
  const measuresChanged =
    write.measures.length !== existing.measures.size ||
    write.measures.some((m) => existing.measures.get(m.measureId) !== m.link);
  if (measuresChanged) changes.push("measures");
  const missionsChanged =
    write.missionIds.length !== existing.missionIds.size ||
    write.missionIds.some((id) => !existing.missionIds.has(id));
  if (missionsChanged) changes.push("missions");
  if (changes.length > 0)
    context.writes.fundingsToUpdate.push({
      ...write,
      id: existing.id,
      links: measuresChanged || missionsChanged,
    });
  context.rows.push({ ...base, action: changes.length > 0 ? "update" : "unchanged", changes });
}
