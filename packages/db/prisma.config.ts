// Used by the Prisma CLI for `prisma generate`. The URL is a placeholder: generate never
// connects, and at run time the client gets a driver adapter (see src/client.ts).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/crewboard" },
});
