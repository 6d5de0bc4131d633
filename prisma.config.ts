// Prisma CLI configuration. Prisma 6.19 with the JavaScript schema engine and a driver adapter, so that
// nothing is downloaded at install or run time (see docs/database.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createCliAdapter } from "./lib/db/cli-adapter";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (npm scripts set it; see README)");
    return createCliAdapter(url);
  },
});
