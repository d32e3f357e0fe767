// The read API described in OpenAPI 3.1, as a typed object beside the routes it describes
// (served at /api/v1/openapi.json). tests/integration/api-openapi.test.ts checks that every path
// here answers and that every API route is here.
import {
  DATASET_LINKS,
  DATASET_SOURCES,
  DEFAULT_PAGE_SIZE,
  FUNDING_CHANNELS,
  MAX_PAGE_SIZE,
  ORGANISATION_KINDS,
} from "./query.server";
import { API_SCOPES } from "./token-form";
import { REPORT_TABLE_NAMES } from "~/modules/reports/table-model";

type Schema = { [key: string]: unknown };
interface Parameter {
  name: string;
  in: "query" | "path";
  required?: boolean;
  description: string;
  schema: Schema;
}
interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  security: { bearer: string[] }[];
  parameters: Parameter[];
  responses: Record<
    string,
    | {
        description: string;
        content?: Record<string, { schema: Schema }>;
        headers?: Record<string, Schema>;
      }
    | { $ref: string }
  >;
}
export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  paths: Record<string, { get: Operation }>;
  components: {
    securitySchemes: Record<string, Schema>;
    schemas: Record<string, Schema>;
    responses: Record<string, Schema>;
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problemRef = (name: string) => ({ $ref: `#/components/responses/${name}` });
const json = (schema: Schema) => ({ "application/json": { schema } });
const csv = { "text/csv": { schema: { type: "string" } } };
const text = { type: "string" };
const nullableText = { type: ["string", "null"] };
const bilingual = {
  type: "object",
  required: ["fr", "nl"],
  properties: { fr: text, nl: text },
};

const query = (name: string, description: string, schema: Schema): Parameter => ({
  name,
  in: "query",
  description,
  schema,
});
const year = { type: "integer", minimum: 2000, maximum: 2100 };
const cursor = query("cursor", "The `next` cursor of the previous page.", text);
const limit = query("limit", "Rows per page.", {
  type: "integer",
  minimum: 1,
  maximum: MAX_PAGE_SIZE,
  default: DEFAULT_PAGE_SIZE,
});
const format = query("format", "csv for CSV (or send Accept: text/csv); JSON by default.", {
  enum: ["json", "csv"],
});

/** What every operation may answer besides its own: no token needed for these. */
const protocolRefusals = {
  "405": problemRef("MethodNotAllowed"),
  "406": problemRef("NotAcceptable"),
};
const refusals = {
  "400": problemRef("BadRequest"),
  "401": problemRef("Unauthorized"),
  "403": problemRef("Forbidden"),
  ...protocolRefusals,
  "429": problemRef("TooManyRequests"),
};
const scoped = (scope: string | null) => [{ bearer: scope ? [scope] : [] }];
const page = (item: Schema) => ({
  type: "object",
  required: ["data", "next"],
  properties: {
    data: { type: "array", items: item },
    next: { ...nullableText, description: "Cursor of the next page; null on the last page." },
  },
});

export const openApiDocument: OpenApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "safe.brussels PGSP read API",
    version: "1.0.0",
    description:
      "Read-only access to the central dataset of the partners' contributions to the regional " +
      "plan (PGSP) and to the annual report's tables. Every request but this document needs " +
      "`Authorization: Bearer <token>` (tokens are created by safe.brussels staff). " +
      "Errors are RFC 9457 problem documents (`application/problem+json`); a 400 names the " +
      "parameter at fault. Their title and detail are in French or Dutch, as Accept-Language " +
      "asks (French otherwise). The API only reads: any method but GET and HEAD is a 405 with " +
      "`Allow: GET, HEAD`. Answers are JSON, or CSV where an operation offers it (`format=csv` " +
      "or Accept); Accept's q-values are honoured (q=0: not that one), and a request whose " +
      "Accept allows none of an operation's formats is a 406. Each token may make 600 requests " +
      "a minute (429 with Retry-After beyond). Codes are stable: plan, theme and measure codes, " +
      "organisation identifiers, channel, link and source names; entry ids are the only " +
      "internal ids. Text that may hold personal data is published masked (`[…]`) until staff " +
      "have reviewed it (`screening: pending`); an entry's own values never change, but what " +
      "is published of it changes when staff decide on it, which moves its `updatedAt`. To keep " +
      "a copy of the dataset: read /entries page by page, keep entries by `id` (an entry that " +
      "comes again replaces the one held), then ask again with `updatedSince` set to the newest " +
      "`updatedAt` received, and remove what /entries/removed lists (`since` set to the newest " +
      "`removedAt` received).",
  },
  servers: [{ url: "/api/v1" }],
  paths: {
    "/entries": {
      get: {
        operationId: "listEntries",
        summary: "Current dataset entries",
        description:
          "Oldest first (creation instant, then id). Pages are keyset: no page shifts while " +
          "entries are added. Follow `next` (or the Link header) with the same filters. The " +
          "pages a first page leads to show the dataset as it was when that first page was " +
          "read: an entry created, or whose screening changed, after that (or after a " +
          "transaction still writing then began, up to 10 minutes back) comes with the next " +
          "`updatedSince`. So a client keeps entries by `id`, replaces one it holds when it " +
          "comes again, and sets its next `updatedSince` to the newest `updatedAt` it has " +
          "received: it misses nothing, and gets again at most the entries of that instant.",
        security: scoped("dataset:read"),
        parameters: [
          query("year", "One year.", year),
          query("from", "First year (inclusive).", year),
          query("to", "Last year (inclusive).", year),
          query("plan", "Plan code, e.g. PGSP-2021-2024.", text),
          query("organisation", "Organisation identifier or official id.", text),
          query("channel", "Funding channel.", { enum: [...FUNDING_CHANNELS] }),
          query("theme", "Theme code.", text),
          query("measure", "Measure code, e.g. 4.10.", text),
          query("link", "Link to the measure.", { enum: [...DATASET_LINKS] }),
          query("source", "Approved return or historical import.", {
            enum: [...DATASET_SOURCES],
          }),
          query(
            "updatedSince",
            "Entries whose `updatedAt` is at or after this instant: created since, or whose " +
              "screening changed since (ISO 8601 with its offset, or a date: midnight UTC; " +
              "1970 to 9999).",
            { type: "string", format: "date-time" },
          ),
          cursor,
          limit,
          format,
        ],
        responses: {
          "200": {
            description: "A page of entries.",
            content: { ...json(page(ref("Entry"))), ...csv },
          },
          ...refusals,
        },
      },
    },
    "/entries/removed": {
      get: {
        operationId: "listRemovedEntries",
        summary: "Entries that left the dataset",
        description:
          "Entries superseded (their return was reopened, or an import replaced them) at or " +
          "after `since`, oldest removal first. Remove them from a copy of the dataset. " +
          "Removals after a transaction still writing began are held back until it commits " +
          "(up to 10 minutes), so asking again with `since` set to the newest `removedAt` " +
          "misses nothing.",
        security: scoped("dataset:read"),
        parameters: [
          query(
            "since",
            "Removed at or after this instant (ISO 8601 with its offset, or a date: midnight " +
              "UTC; 1970 to 9999).",
            { type: "string", format: "date-time" },
          ),
          cursor,
          limit,
          format,
        ],
        responses: {
          "200": {
            description: "A page of removed entries.",
            content: { ...json(page(ref("RemovedEntry"))), ...csv },
          },
          ...refusals,
        },
      },
    },
    "/tables/{name}": {
      get: {
        operationId: "getReportTable",
        summary: "One of the annual report's tables",
        description:
          "Counted by the same rules as the staff pages and exports; small counts may be " +
          "suppressed (`suppressed: true`, value null) below the threshold staff set. As CSV, " +
          "the table as the staff download writes it for Excel: a byte-order mark, `;` between " +
          "cells, headings in `lang`, one row a row of the table (its total last).",
        security: scoped("reports:read"),
        parameters: [
          {
            name: "name",
            in: "path",
            required: true,
            description: "The table.",
            schema: { enum: [...REPORT_TABLE_NAMES] },
          },
          query("from", "First year (inclusive).", year),
          query("to", "Last year (inclusive).", year),
          query("plan", "Plan code; the current plan by default.", text),
          query("lang", "Language of titles and labels.", { enum: ["fr", "nl"], default: "fr" }),
          format,
        ],
        responses: {
          "200": { description: "The table.", content: { ...json(ref("ReportTable")), ...csv } },
          "404": problemRef("NotFound"),
          ...refusals,
        },
      },
    },
    "/plans/{code}/measures": {
      get: {
        operationId: "getPlanMeasures",
        summary: "A plan's themes and measures",
        security: scoped(null),
        parameters: [
          { name: "code", in: "path", required: true, description: "Plan code.", schema: text },
        ],
        responses: {
          "200": { description: "The plan.", content: json(ref("PlanMeasures")) },
          "404": problemRef("NotFound"),
          ...refusals,
        },
      },
    },
    "/organisations": {
      get: {
        operationId: "listOrganisations",
        summary: "The directory's organisations",
        security: scoped(null),
        parameters: [query("kind", "Kind of organisation.", { enum: [...ORGANISATION_KINDS] })],
        responses: {
          "200": {
            description: "Every organisation.",
            content: json({
              type: "object",
              required: ["data"],
              properties: { data: { type: "array", items: ref("Organisation") } },
            }),
          },
          ...refusals,
        },
      },
    },
    "/openapi.json": {
      get: {
        operationId: "getOpenApi",
        summary: "This document",
        security: [],
        parameters: [],
        responses: {
          "200": { description: "OpenAPI 3.1.", content: json({ type: "object" }) },
          "400": problemRef("BadRequest"),
          ...protocolRefusals,
        },
      },
    },
  },
  components: {
    securitySchemes: {
      bearer: {
        type: "http",
        scheme: "bearer",
        description: `Scopes: ${API_SCOPES.join(", ")}. Reference lists need any valid token.`,
      },
    },
    schemas: {
      Entry: {
        type: "object",
        required: [
          "id",
          "createdAt",
          "updatedAt",
          "year",
          "plan",
          "organisation",
          "channel",
          "measure",
        ],
        properties: {
          id: text,
          createdAt: { type: "string", format: "date-time" },
          updatedAt: {
            type: "string",
            format: "date-time",
            description:
              "The last time what is published of the entry could change: its creation, or " +
              "the creation or decision of one of its personal-data findings. Never before " +
              "`createdAt`.",
          },
          year: { type: "integer" },
          plan: text,
          organisation: {
            type: "object",
            properties: {
              identifier: text,
              officialId: nullableText,
              kind: { enum: [...ORGANISATION_KINDS] },
            },
          },
          channel: { enum: [...FUNDING_CHANNELS] },
          theme: text,
          measure: text,
          link: { enum: [...DATASET_LINKS] },
          source: { enum: [...DATASET_SOURCES] },
          missions: { type: "array", items: text },
          narrative: text,
          narrativeLanguage: { enum: ["fr", "nl", null] },
          figures: {
            type: "array",
            items: {
              type: "object",
              properties: {
                label: text,
                value: { type: ["number", "string", "null"] },
                unit: nullableText,
              },
            },
          },
          screening: { enum: ["clear", "pending"] },
          approvedAt: { type: "string", format: "date-time" },
        },
      },
      RemovedEntry: {
        type: "object",
        required: ["id", "removedAt"],
        properties: { id: text, removedAt: { type: "string", format: "date-time" } },
      },
      ReportTable: {
        type: "object",
        required: ["name", "title", "period", "planCode", "columns", "rows"],
        properties: {
          name: { enum: [...REPORT_TABLE_NAMES] },
          title: text,
          howCounted: text,
          period: {
            type: "object",
            properties: { from: { type: "integer" }, to: { type: "integer" } },
          },
          planCode: text,
          columns: { type: "array", items: { type: "object" } },
          rows: { type: "array", items: { type: "object" } },
          total: { type: ["object", "null"] },
        },
      },
      PlanMeasures: {
        type: "object",
        properties: {
          plan: {
            type: "object",
            properties: {
              code: text,
              title: bilingual,
              startYear: { type: "integer" },
              endYear: { type: "integer" },
            },
          },
          themes: {
            type: "array",
            items: { type: "object", properties: { code: text, title: bilingual } },
          },
          measures: {
            type: "array",
            items: { type: "object", properties: { code: text, theme: text, title: bilingual } },
          },
        },
      },
      Organisation: {
        type: "object",
        properties: {
          identifier: text,
          officialId: nullableText,
          kind: { enum: [...ORGANISATION_KINDS] },
          name: bilingual,
          archived: { type: "boolean" },
        },
      },
      Problem: {
        type: "object",
        required: ["type", "title", "status"],
        properties: {
          type: text,
          title: text,
          status: { type: "integer" },
          detail: text,
          parameter: { ...text, description: "The parameter at fault (400)." },
        },
      },
    },
    responses: Object.fromEntries(
      (
        [
          ["BadRequest", "A parameter is unknown, repeated or malformed."],
          ["Unauthorized", "No token, or an unknown, revoked or expired one."],
          ["Forbidden", "The token lacks the scope."],
          ["NotFound", "No such table or plan."],
          [
            "MethodNotAllowed",
            "Any method but GET or HEAD: the API only reads. Declared on each GET because " +
              "OpenAPI has no place for the methods a path refuses.",
            { Allow: { description: "GET, HEAD", schema: { type: "string" } } },
          ],
          [
            "NotAcceptable",
            "The Accept header allows none of the operation's formats (JSON, and CSV where " +
              "offered); q=0 refuses a format.",
          ],
          [
            "TooManyRequests",
            "Over the token's rate limit.",
            {
              "Retry-After": {
                description: "Seconds until the next window.",
                schema: { type: "integer" },
              },
            },
          ],
        ] as const
      ).map(([name, description, headers]) => [
        name,
        {
          description,
          ...(headers ? { headers } : {}),
          content: { "application/problem+json": { schema: ref("Problem") } },
        },
      ]),
    ),
  },
};
