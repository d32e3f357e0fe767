// Statements straight through the engine's driver, for the reads every page makes (the session
// with its user, and a section page's section with its return), the big reads of the exports
// and the API, and the API token's check-and-count (one statement that writes). Prisma's client turns
// each raw query into a plan, runs it through its interpreter and converts every value of every
// row: for the section's read that was 0.84 ms against 0.27 ms through PGlite directly, both
// as named statements (docs/benchmarks.md, sixth pass). ADR 0016.
//
// Only outside transactions (a statement that writes commits on its own), for text, integers, booleans, timestamps and JSON, which
// both drivers give back as Prisma would: strings, numbers, booleans, Dates and parsed JSON.
// Prisma's `DateTime` columns are `timestamp(3)` without time zone, holding UTC: both drivers
// would read them in the process's local time zone, so they are parsed here as UTC.
import type pg from "pg";
import type { PGlite } from "@electric-sql/pglite";
import type { Prisma } from "~/generated/prisma/client";
import { statementName } from "./prepared-statements.server";

export type RowReader = <T>(query: Prisma.Sql) => Promise<T[]>;

const TIMESTAMP = 1114;

/** "2024-03-15 10:00:00.123", as PostgreSQL writes a timestamp, read as UTC. */
export function utcTimestamp(text: string) {
  return new Date(`${text.replace(" ", "T")}Z`);
}

const pgliteParsers = { [TIMESTAMP]: utcTimestamp };

export function pgliteRowReader(pglite: PGlite): RowReader {
  return async <T>(query: Prisma.Sql) =>
    (await pglite.query<T>(query.text, query.values, { parsers: pgliteParsers })).rows;
}

export function postgresRowReader(pool: pg.Pool, types: typeof pg.types): RowReader {
  const getTypeParser = ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP && format !== "binary"
      ? utcTimestamp
      : types.getTypeParser(oid, format ?? "text")) as typeof types.getTypeParser;
  return async <T>(query: Prisma.Sql) => {
    const result = await pool.query({
      name: statementName(query.text, query.values.length),
      text: query.text,
      values: query.values,
      types: { getTypeParser },
    });
    return result.rows as T[];
  };
}
