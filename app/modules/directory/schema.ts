// The partner directory's forms: one schema per form, shared by the browser, the actions and the
// directory import. Messages are keys of the directory strings, translated when shown.
import { z } from "zod";
import type { Key } from "~/modules/i18n/keys";
import { fundingChannels, organisationKinds } from "~/modules/organisations/schema";
import { identifierKindOf, parseIdentifier, type IdentifierError } from "./identifiers";

/** Messages are keys of the directory strings, checked by tsc. */
const error = (key: Key<"directory">) => ({ error: key });

export const contactRoles = ["MAIN", "BACKUP", "NONE"] as const;
export const measureLinks = ["PRIMARY", "SECONDARY"] as const;
export const languages = ["fr", "nl"] as const;

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const controls = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** A one-line text: controls (NUL above all: PostgreSQL refuses it) dropped, trimmed. */
const line = (min: number, max: number, message: Key<"directory">) =>
  z
    .string(error(message))
    .transform((v) => v.replace(controls, "").replace(/\s+/g, " ").trim())
    .pipe(z.string().min(min, error(message)).max(max, error(message)));

/** An optional one-line text: empty becomes null. */
const optionalLine = (max: number, message: Key<"directory">) =>
  z
    .string(error(message))
    .optional()
    .transform((v) => (v ?? "").replace(controls, "").replace(/\s+/g, " ").trim())
    .pipe(z.string().max(max, error(message)))
    .transform((v) => (v === "" ? null : v));

/** An id chosen in a list (a select): empty means none. */
const optionalId = z
  .string()
  .optional()
  .transform((v) => (v ? v.trim() : ""))
  .pipe(z.string().max(64))
  .transform((v) => (v === "" ? null : v));

/** A checkbox: present ("on", "true", "1") or absent; booleans from the import too. */
export const checkbox = z
  .union([z.boolean(), z.string(), z.null()])
  .optional()
  .transform((v) => v === true || (typeof v === "string" && /^(on|true|1|yes|oui|ja)$/i.test(v)));

/** Repeated form fields arrive as a string or an array. */
const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().trim().min(1).max(64)).max(50))
  .transform((ids) => [...new Set(ids)]);

export const emailSchema = z
  .string(error("errors.email"))
  .trim()
  .min(1, error("errors.email"))
  .max(254, error("errors.email"))
  .regex(/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/, error("errors.email"))
  .transform((value) => value.toLowerCase());

const identifierErrors: Record<IdentifierError, Key<"directory">> = {
  format: "errors.identifierFormat",
  notBrussels: "errors.identifierNotBrussels",
  checksum: "errors.identifierChecksum",
};

/** The fields of an organisation, before the rules that tie them to its kind. */
const organisationFields = z.object({
  kind: z.enum(organisationKinds, error("errors.kind")),
  officialId: optionalLine(40, "errors.identifierFormat"),
  nameFr: line(2, 200, "errors.name"),
  nameNl: line(2, 200, "errors.name"),
  preferredLanguage: z.enum(languages, error("errors.language")),
  followedById: optionalId,
  coveredCommuneIds: idList,
  parentCommuneId: optionalId,
});

type OrganisationFields = z.infer<typeof organisationFields>;

/** The identifier as stored, or the key of why it is refused; null when there is none. */
function normalisedIdentifier(
  kind: OrganisationFields["kind"],
  officialId: string | null,
): { value: string | null } | { error: Key<"directory"> } {
  const idKind = identifierKindOf(kind);
  if (idKind === null || officialId === null)
    return idKind === "POLICE_ZONE" || idKind === "COMMUNE"
      ? { error: "errors.identifierRequired" }
      : { value: null };
  const parsed = parseIdentifier(idKind, officialId);
  return parsed.ok ? { value: parsed.value } : { error: identifierErrors[parsed.error] };
}

/**
 * A zone or a commune must give its number; a regional body or a non-profit may give its
 * enterprise number; an antenna names the commune running it. Checked even when another field is
 * wrong, so the form shows every error at once.
 */
function organisationRules(v: OrganisationFields, ctx: z.RefinementCtx) {
  const checked = normalisedIdentifier(
    v.kind,
    typeof v.officialId === "string" ? v.officialId : null,
  );
  if ("error" in checked)
    ctx.addIssue({ code: "custom", path: ["officialId"], message: checked.error });
  if (v.kind === "LISA_ANTENNA" && !v.parentCommuneId)
    ctx.addIssue({ code: "custom", path: ["parentCommuneId"], message: "errors.parentCommune" });
}

const kindIsValid = (payload: { value: unknown }) =>
  typeof payload.value === "object" &&
  payload.value !== null &&
  (organisationKinds as readonly unknown[]).includes((payload.value as { kind?: unknown }).kind);

/** Only what the kind uses is kept, the identifier in its stored form. */
function normalised<T extends OrganisationFields>(v: T): T {
  const checked = normalisedIdentifier(v.kind, v.officialId);
  return {
    ...v,
    officialId: "value" in checked ? checked.value : null,
    coveredCommuneIds: v.kind === "POLICE_ZONE" ? v.coveredCommuneIds : [],
    parentCommuneId: v.kind === "LISA_ANTENNA" ? v.parentCommuneId : null,
  };
}

/** Creating an organisation (staff form and directory import). */
export const organisationSchema = organisationFields
  .superRefine(organisationRules, { when: kindIsValid })
  .transform(normalised);
export type OrganisationInput = z.output<typeof organisationSchema>;

/** Editing one: the version is the updatedAt it was read at, so a concurrent edit is caught. */
export const organisationEditSchema = organisationFields
  .extend({ version: z.string().min(1).max(40) })
  .superRefine(organisationRules, { when: kindIsValid })
  .transform(normalised);
export type OrganisationEditInput = z.output<typeof organisationEditSchema>;

/** The fields of an organisation form, in page order (errors summary, values kept). */
export const organisationFormFields = [
  "kind",
  "officialId",
  "nameFr",
  "nameNl",
  "preferredLanguage",
  "followedById",
  "parentCommuneId",
  "coveredCommuneIds",
] as const;

/** A contact's editable membership fields. */
const membershipFields = {
  displayName: line(1, 120, "errors.displayName"),
  jobTitle: optionalLine(120, "errors.jobTitle"),
  reportRole: z.enum(contactRoles, error("errors.reportRole")),
};

/**
 * Adding a contact (staff) or a colleague (a partner's administrator). The user is found by its
 * lower-cased email; name and language only apply to a new user.
 */
export const contactSchema = z.object({
  email: emailSchema,
  preferredLanguage: z.enum(languages, error("errors.language")),
  ...membershipFields,
  organisationAdmin: checkbox,
});
export type ContactInput = z.output<typeof contactSchema>;

/** Editing a contact: the email is the person's identity and does not change. */
export const contactEditSchema = z.object({ ...membershipFields, organisationAdmin: checkbox });
export type ContactEditInput = z.output<typeof contactEditSchema>;

/** A partner's administrator invites a colleague: never another administrator. */
export const colleagueSchema = contactSchema.omit({ organisationAdmin: true });
export type ColleagueInput = z.output<typeof colleagueSchema>;

/** The largest amount an Int of cents holds with room: 20 million euros. */
const MAX_AMOUNT_CENTS = 2_000_000_000;

/**
 * "12 345,67", "12.345,67", "12345.67", "12 345 €" → cents; empty → null. A comma is the decimal
 * separator as written in Belgium; a lone dot followed by exactly three digits is a thousands one.
 */
export function parseEuroCents(input: string): number | null | "invalid" {
  let s = input.replace(/[\s\u00a0\u202f'€]/g, "").replace(/eur$/i, "");
  if (s === "") return null;
  if (s.includes(",")) s = s.replace(/\./g, "").replace(",", ".");
  else if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, "");
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(s)) return "invalid";
  const [whole, fraction = ""] = s.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

const year = z.coerce
  .number(error("errors.year"))
  .int(error("errors.year"))
  .min(2015, error("errors.year"))
  .max(2100, error("errors.year"));

const measureCode = z
  .string()
  .trim()
  .regex(/^\d{1,2}\.\d{1,2}$/, error("errors.measures"));

/** A funding: years, channel, title, amount, the plan's measures it pays for and its missions. */
export const fundingSchema = z
  .object({
    channel: z.enum(fundingChannels, error("errors.channel")),
    startYear: year,
    endYear: year,
    title: line(3, 300, "errors.fundingTitle"),
    amount: z
      .union([z.string(), z.number(), z.null()])
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === null) return null;
        const cents = typeof v === "number" ? Math.round(v * 100) : parseEuroCents(v);
        if (cents === "invalid" || (cents !== null && (cents < 0 || cents > MAX_AMOUNT_CENTS))) {
          ctx.addIssue({ code: "custom", message: "errors.amount" });
          return z.NEVER;
        }
        return cents;
      }),
    measures: z
      .array(z.object({ code: measureCode, link: z.enum(measureLinks, error("errors.measures")) }))
      .max(60, error("errors.measures"))
      .min(1, error("errors.measuresRequired")),
    missionCodes: z
      .array(
        z
          .string()
          .trim()
          .regex(/^MT\d{1,2}$/, error("errors.missions")),
      )
      .max(20, error("errors.missions"))
      .transform((codes) => [...new Set(codes)]),
  })
  .superRefine(
    (v, ctx) => {
      if (
        typeof v.startYear === "number" &&
        typeof v.endYear === "number" &&
        v.endYear < v.startYear
      )
        ctx.addIssue({ code: "custom", path: ["endYear"], message: "errors.endYear" });
      const codes = Array.isArray(v.measures) ? v.measures.map((m) => m?.code) : [];
      if (new Set(codes).size !== codes.length)
        ctx.addIssue({ code: "custom", path: ["measures"], message: "errors.measures" });
    },
    { when: () => true },
  );
export type FundingInput = z.output<typeof fundingSchema>;

/** Editing a funding: the version is the updatedAt it was read at. */
export const fundingEditSchema = z.object({ version: z.string().min(1).max(40) });

/**
 * A funding form as posted: each measure is a select `measure:<code>` (empty, PRIMARY or
 * SECONDARY) and each mission a checkbox `mission` with its code. Turned into the schema's shape,
 * the same in the browser and the action.
 */
export function fundingValuesFromForm(form: FormData) {
  const measures: { code: string; link: string }[] = [];
  for (const [name, value] of form.entries()) {
    if (name.startsWith("measure:") && typeof value === "string" && value !== "")
      measures.push({ code: name.slice("measure:".length), link: value });
  }
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  return {
    channel: text("channel"),
    startYear: text("startYear"),
    endYear: text("endYear"),
    title: text("title"),
    amount: text("amount"),
    measures,
    missionCodes: form.getAll("mission").filter((v): v is string => typeof v === "string"),
  };
}

export const fundingFormFields = [
  "channel",
  "startYear",
  "endYear",
  "title",
  "amount",
  "measures",
  "missionCodes",
] as const;
