// Generates the Prisma client offline. The Prisma CLI otherwise tries to download a native schema
// engine; generation does not need it.
import { spawnSync } from "node:child_process";

const result = spawnSync("npx", ["--no-install", "prisma", "generate", "--schema", "prisma/schema.prisma"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true", PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
});
process.exit(result.status ?? 1);
