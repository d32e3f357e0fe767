// Named statements: PostgreSQL parses and plans a named statement once per connection and
// reuses the plan (a generic one after five runs), where Prisma's driver adapters send every
// query as an unnamed statement, parsed and planned on every call. On the section page's read
// that was 2.8 ms per call in PGlite against 0.4 ms prepared (docs/benchmarks.md, sixth pass),
// and PGlite plans on the thread that renders the pages. ADR 0016.
//
// - PostgreSQL: @prisma/adapter-pg names a statement when given `statementNameGenerator`; the
//   `pg` driver then parses it once per connection and keeps it while the connection lives.
// - PGlite: its adapter only calls `query(sql, params, options)`, always unnamed, so the
//   instance's `query` and its transactions' `query` are replaced by one that parses a statement
//   once under a name and then only binds and executes it, through PGlite's own protocol
//   functions and mutexes. The least recently used statements are closed past `capacity`.
//
// Statements with many parameters are left unnamed: those are the `IN (…)` lists, one text per
// list length, which would fill the caches with statements used once.
import { createHash } from "node:crypto";
import {
  protocol,
  types,
  type PGlite,
  type QueryOptions,
  type Results,
  type Transaction,
} from "@electric-sql/pglite";

/** Statements with more parameters than this are sent unnamed. */
export const MAX_NAMED_PARAMETERS = 32;
/** Named statements a PGlite instance keeps (it has one connection); the oldest are closed. */
export const PGLITE_STATEMENT_CAPACITY = 256;

/** Names already computed, by text; emptied when it reaches this many. */
const NAME_MEMO_LIMIT = 1024;
const names = new Map<string, string>();

/**
 * The name of a statement's text on PostgreSQL (`statementNameGenerator`): a digest of the text,
 * so two texts never share a name, whichever connection parsed them first.
 */
export function statementName(sql: string, parameterCount: number): string | undefined {
  if (parameterCount > MAX_NAMED_PARAMETERS) return undefined;
  let name = names.get(sql);
  if (name === undefined) {
    name = `sb_${createHash("sha1").update(sql).digest("base64url")}`;
    if (names.size >= NAME_MEMO_LIMIT) names.clear();
    names.set(sql, name);
  }
  return name;
}

type Message = Awaited<ReturnType<PGlite["execProtocolStream"]>>[number];
type Query = PGlite["query"];

interface Statement {
  name: string;
  parameterTypes: number[];
}

const countedCommands = new Set(["INSERT", "UPDATE", "DELETE", "COPY", "MERGE"]);
/** invalid_sql_statement_name; feature_not_supported ("cached plan must not change result type"). */
const staleStatementErrors = new Set(["26000", "0A000"]);

type Parsers = PGlite["parsers"];
/** PGlite's parsers with a caller's own over them, per caller's set (the adapter passes one). */
const mergedParsers = new WeakMap<object, { base: Parsers; merged: Parsers }>();

function parsersFor(pglite: PGlite, own: QueryOptions["parsers"]): Parsers {
  if (!own) return pglite.parsers;
  const known = mergedParsers.get(own);
  if (known?.base === pglite.parsers) return known.merged;
  // PGlite has a few hundred types: copying them for every query was a tenth of a page's time.
  const merged = { ...pglite.parsers, ...own };
  mergedParsers.set(own, { base: pglite.parsers, merged });
  return merged;
}

/** What PGlite's own `query` returns, from the messages of one statement. */
function resultsOf<T>(pglite: PGlite, messages: Message[], options?: QueryOptions): Results<T> {
  const parsers = parsersFor(pglite, options?.parsers);
  let fields: { name: string; dataTypeID: number }[] = [];
  const rows: unknown[] = [];
  let affectedRows = 0;
  for (const message of messages) {
    if (message instanceof protocol.messages.RowDescriptionMessage) {
      fields = message.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID }));
    } else if (message instanceof protocol.messages.DataRowMessage) {
      const values = message.fields.map((value, i) =>
        types.parseType(value, fields[i]!.dataTypeID, parsers),
      );
      rows.push(
        options?.rowMode === "array"
          ? values
          : Object.fromEntries(values.map((value, i) => [fields[i]!.name, value])),
      );
    } else if (message instanceof protocol.messages.CommandCompleteMessage) {
      const words = message.text.split(" ");
      if (countedCommands.has(words[0]!)) affectedRows += Number.parseInt(words.at(-1)!, 10);
    }
  }
  return { rows: rows as T[], fields, affectedRows };
}

/**
 * Makes `pglite.query` (and `query` inside its transactions) use named statements. Queries
 * PGlite treats specially (a file attached, parameter types given) go to its own `query`.
 */
export function nameStatements(pglite: PGlite, capacity = PGLITE_STATEMENT_CAPACITY) {
  // Least recently used first (a Map keeps insertion order; a use moves the entry to the end).
  const statements = new Map<string, Statement>();
  let counter = 0;
  const send = (message: Uint8Array) => pglite.execProtocolStream(message, { syncToFs: false });

  async function run<T>(sql: string, params: unknown[], options?: QueryOptions) {
    return pglite._runExclusiveQuery(async () => {
      const messages: Message[] = [];
      try {
        let statement = statements.get(sql);
        if (statement) {
          statements.delete(sql);
        } else {
          const name = `sb_${++counter}`;
          await send(protocol.serialize.parse({ name, text: sql }));
          const description = await send(protocol.serialize.describe({ type: "S", name }));
          const parameters = description.find(
            (m) => m instanceof protocol.messages.ParameterDescriptionMessage,
          );
          statement = { name, parameterTypes: parameters?.dataTypeIDs ?? [] };
          // Only a text that parsed takes the place of the least recently used one.
          const oldest = statements.size >= capacity ? statements.entries().next().value : null;
          if (oldest) {
            statements.delete(oldest[0]);
            await send(protocol.serialize.close({ type: "S", name: oldest[1].name }));
          }
        }
        statements.set(sql, statement);
        const { parameterTypes } = statement;
        const values = params.map((value, i) => {
          if (value === null || value === undefined) return null;
          const type = parameterTypes[i]!;
          const serialize = options?.serializers?.[type] ?? pglite.serializers[type];
          return serialize ? serialize(value) : String(value);
        });
        try {
          messages.push(
            ...(await send(protocol.serialize.bind({ statement: statement.name, values }))),
            ...(await send(protocol.serialize.describe({ type: "P" }))),
            ...(await send(protocol.serialize.execute({}))),
          );
        } catch (error) {
          // The statement is gone (a DISCARD ALL) or its plan no longer fits the tables (a column
          // changed type): forget it, so the next call parses the text again.
          if (staleStatementErrors.has((error as { code?: string }).code ?? "")) {
            statements.delete(sql);
          }
          throw error;
        }
      } finally {
        messages.push(...(await send(protocol.serialize.sync())));
      }
      if (!pglite.isInTransaction()) await pglite.syncToFs();
      return resultsOf<T>(pglite, messages, options);
    });
  }

  const special = (params: unknown[] | undefined, options?: QueryOptions) =>
    Boolean(options?.blob || options?.paramTypes || (params?.length ?? 0) > MAX_NAMED_PARAMETERS);

  const unnamed = pglite.query.bind(pglite);
  pglite.query = async function query<T>(sql: string, params?: unknown[], options?: QueryOptions) {
    if (special(params, options)) return unnamed<T>(sql, params, options);
    await pglite._checkReady();
    return pglite._runExclusiveTransaction(() => run<T>(sql, params ?? [], options));
  } as Query;

  const transaction = pglite.transaction.bind(pglite);
  pglite.transaction = function <T>(callback: (tx: Transaction) => Promise<T>) {
    return transaction((tx) => {
      const unnamedInTransaction = tx.query.bind(tx);
      const named: Transaction = Object.create(tx, {
        query: {
          value: async <R>(sql: string, params?: unknown[], options?: QueryOptions) => {
            if (tx.closed) throw new Error("Transaction is closed");
            if (special(params, options)) return unnamedInTransaction<R>(sql, params, options);
            return run<R>(sql, params ?? [], options);
          },
        },
      }) as Transaction;
      return callback(named);
    });
  } as PGlite["transaction"];

  return { statements: () => statements.size };
}
