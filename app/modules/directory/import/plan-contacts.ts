// Contact rows: a person (an account, found by its lower-case email) in an organisation,
// matched by (organisation, email). As in the staff form, a person's name and language are set
// when the account is new: an existing account keeps its own (its owner may have chosen them).
// A staff account is never made a partner's contact.
import { contactSchema } from "~/modules/directory/schema";
import type { ReadSheet, SheetRow } from "./cells";
import type { FieldOf } from "./columns";
import { resolveOrganisation } from "./plan-organisations";
import { eachRow, isNewRef, rowError, schemaKey, type PlanContext } from "./plan-context";
import { languageOf, reportRoleOf, yesNoOf } from "./values";

type Row = SheetRow<"contacts">;
type Field = FieldOf<"contacts">;

const schemaFields: Record<string, Field> = {
  email: "email",
  preferredLanguage: "language",
  displayName: "name",
  jobTitle: "jobTitle",
  reportRole: "reportRole",
  organisationAdmin: "organisationAdmin",
};

const text = (value: string | number | undefined) =>
  value === undefined ? undefined : String(value);

export async function planContacts(context: PlanContext, sheet: ReadSheet<"contacts">) {
  const seen = new Map<string, number>();
  /** Accounts this file creates, by email (a person may be a contact of two organisations). */
  const newUsers = new Set<string>();
  await eachRow(sheet.rows, (row) => planRow(context, sheet, row, seen, newUsers));
}

function planRow(
  context: PlanContext,
  sheet: ReadSheet<"contacts">,
  row: Row,
  seen: Map<string, number>,
  newUsers: Set<string>,
) {
  const errorsBefore = context.errors.length;
  const fail = (
    field: Field | null,
    key: Parameters<typeof rowError>[4],
    params?: Record<string, string | number>,
  ) => rowError(context, "contacts", row, field, key, params);
  const { values } = row;

  const organisationText = text(values.organisation);
  const resolved = organisationText
    ? resolveOrganisation(context, organisationText, text(values.organisationKind))
    : null;
  if (!organisationText) fail("organisation", "required");
  else if (resolved && !resolved.ok) fail("organisation", resolved.key, resolved.params);
  const organisation = resolved?.ok ? resolved.organisation : null;

  const email = text(values.email)?.toLowerCase();
  const account = email ? context.snapshot.users.get(email) : undefined;
  if (account && account.staffRole !== "NONE") fail("email", "directory:errors.staffAccount");
  const membership =
    organisation && account && !isNewRef(organisation.ref)
      ? context.snapshot.memberships.get(`${organisation.ref}|${account.id}`)
      : undefined;

  let language = organisation?.preferredLanguage ?? "fr";
  const languageText = text(values.language);
  if (languageText) {
    const parsed = languageOf(languageText);
    if (parsed) language = parsed;
    else fail("language", "unknownLanguage", { value: languageText.slice(0, 40) });
  }
  let reportRole = membership?.reportRole ?? "MAIN";
  const roleText = text(values.reportRole);
  if (roleText) {
    const parsed = reportRoleOf(roleText);
    if (parsed) reportRole = parsed;
    else fail("reportRole", "unknownReportRole", { value: roleText.slice(0, 40) });
  }
  let organisationAdmin = membership?.organisationAdmin ?? false;
  if (sheet.columns.has("organisationAdmin")) {
    const adminText = text(values.organisationAdmin);
    const parsed = adminText ? yesNoOf(adminText) : "no";
    if (parsed) organisationAdmin = parsed === "yes";
    else fail("organisationAdmin", "yesNo", { value: (adminText ?? "").slice(0, 40) });
  }
  const jobTitle = sheet.columns.has("jobTitle")
    ? (text(values.jobTitle) ?? "")
    : (membership?.jobTitle ?? "");

  const parsed = contactSchema.safeParse({
    email: email ?? "",
    preferredLanguage: language,
    displayName: text(values.name) ?? "",
    jobTitle,
    reportRole,
    organisationAdmin,
  });
  if (!parsed.success) {
    const reported = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = schemaFields[String(issue.path[0])] ?? null;
      const id = `${field}|${issue.message}`;
      if (reported.has(id)) continue;
      reported.add(id);
      fail(field, schemaKey(issue.message));
    }
  }

  if (organisation && email) {
    const key = `${organisation.ref}|${email}`;
    const first = seen.get(key);
    if (first !== undefined) fail("email", "duplicateRow", { line: first });
    else seen.set(key, row.line);
  }
  if (!parsed.success || !organisation || context.errors.length > errorsBefore || row.hasCellErrors)
    return;

  const input = parsed.data;
  const base = {
    sheet: "contacts" as const,
    line: row.line,
    entity: "contact" as const,
    label: input.email,
    organisation: organisation.label,
  };
  if (!membership) {
    let userRef = account?.id;
    if (!userRef) {
      userRef = `new:${input.email}`;
      if (!newUsers.has(input.email)) {
        newUsers.add(input.email);
        context.writes.usersToCreate.push({
          email: input.email,
          displayName: input.displayName,
          preferredLanguage: input.preferredLanguage,
        });
      }
    }
    context.writes.membershipsToCreate.push({
      organisationRef: organisation.ref,
      userRef,
      reportRole: input.reportRole,
      jobTitle: input.jobTitle,
      organisationAdmin: input.organisationAdmin,
    });
    context.rows.push({ ...base, action: "create", changes: [] });
    return;
  }
  const changes: string[] = [];
  if (input.jobTitle !== membership.jobTitle) changes.push("job_title");
  if (input.reportRole !== membership.reportRole) changes.push("report_role");
  if (input.organisationAdmin !== membership.organisationAdmin) changes.push("organisation_admin");
  if (changes.length > 0)
    context.writes.membershipsToUpdate.push({
      id: membership.id,
      reportRole: input.reportRole,
      jobTitle: input.jobTitle,
      organisationAdmin: input.organisationAdmin,
    });
  context.rows.push({ ...base, action: changes.length > 0 ? "update" : "unchanged", changes });
}
