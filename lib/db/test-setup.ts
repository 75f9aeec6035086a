import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";

// Every *.integration.test.ts file gets its own migrated database, installed as the app's `db`.
let database: TestDatabase | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});
