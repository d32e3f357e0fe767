// npm run db:migrate: applies pending migrations to the configured database.
import { databaseConfigFromEnv, openDatabase } from "../app/utils/db/engine.server";

const database = await openDatabase(databaseConfigFromEnv());
await database.close();
console.log(`Migrations applied (${database.engine}).`);
