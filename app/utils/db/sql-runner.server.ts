import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/** The few raw-SQL operations the migration runner needs, over PGlite or PostgreSQL. */
export interface SqlRunner {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  transaction(fn: (tx: SqlRunner) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export function pgliteRunner(db: PGlite): SqlRunner {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    async transaction(fn) {
      await db.transaction(async (tx) => {
        await fn({
          exec: async (sql) => void (await tx.exec(sql)),
          query: async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
            (await tx.query<T>(sql, params)).rows,
          transaction: () => Promise.reject(new Error("nested transactions are not supported")),
          close: async () => {},
        });
      });
    },
    // The PGlite instance belongs to the caller, which closes it.
    async close() {},
  };
}

export async function postgresRunner(connectionString: string): Promise<SqlRunner> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  const runner: SqlRunner = {
    async exec(sql) {
      await client.query(sql);
    },
    async query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async transaction(fn) {
      await client.query("BEGIN");
      try {
        await fn({ ...runner, transaction: () => Promise.reject(new Error("nested")) });
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    async close() {
      await client.end();
    },
  };
  return runner;
}
