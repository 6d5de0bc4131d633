// The hot path's SQL helpers (lib/db/sql.ts) on a real PostgreSQL: array literals (pgArray) read back exactly as
// node-postgres's own parameter encoding does, for awkward strings (quotes, backslashes, braces, commas, spaces, the
// word NULL, the empty string, non-ASCII) and for uuids, timestamps, numbers, booleans and nulls; and a named
// (prepared) statement that a migration made stale fails once, drops its connection, and works on the retry.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import pg from "pg";
import { pgArray, pgTransactions } from "@/lib/db/sql";
import { testPool } from "./setup";

const awkward = ["", " ", "NULL", "null", "Null", '"', "\\", "\\\\\"", "{", "}", "{a,b}", "a,b", " lead", "trail ", "tab\there", "new\nline", "café ß ✓", "Bench hub", "O'Neil", "x".repeat(300), "\u00a0nbsp", "\\N"];

function randomString(random: () => number): string {
  const alphabet = ['"', "\\", "{", "}", ",", " ", "\t", "\n", "a", "N", "U", "L", "é", "'", "0"];
  let s = "";
  const len = Math.floor(random() * 8);
  for (let i = 0; i < len; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}

describe("pgArray", () => {
  it("reads back as node-postgres's own encoding for awkward and random text", async () => {
    let seed = 11;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const values: (string | null)[] = [...awkward, null, ...Array.from({ length: 2000 }, () => (random() < 0.05 ? null : randomString(random)))];
    const { rows } = await testPool.query<{ ours: (string | null)[]; theirs: (string | null)[] }>(`SELECT $1::text[] AS ours, $2::text[] AS theirs`, [pgArray(values), values]);
    expect(rows[0].ours).toEqual(values);
    expect(rows[0].ours).toEqual(rows[0].theirs);
  });

  it("carries uuids, timestamps, dates, numbers, booleans and nulls to their types", async () => {
    const ids = [randomUUID(), randomUUID()];
    const times = ["2026-11-23T10:00:00.123Z", null];
    const { rows } = await testPool.query<{ ids: string[]; times: (Date | null)[]; days: (number | null)[]; flags: boolean[]; dates: string[] }>(
      `SELECT $1::uuid[]::text[] AS ids, $2::timestamptz[] AS times, $3::int[] AS days, $4::boolean[] AS flags, $5::date[]::text[] AS dates`,
      [pgArray(ids), pgArray(times), pgArray([3, null, -2]), pgArray([true, false]), pgArray(["2026-12-25", "2027-01-01"])],
    );
    expect(rows[0].ids).toEqual(ids);
    expect(rows[0].times.map((t) => t?.toISOString() ?? null)).toEqual(times);
    expect(rows[0].days).toEqual([3, null, -2]);
    expect(rows[0].flags).toEqual([true, false]);
    expect(rows[0].dates).toEqual(["2026-12-25", "2027-01-01"]);
    expect(pgArray([])).toBe("{}");
  });
});

describe("named statements", () => {
  it("a statement prepared before a migration changed its table fails once, and the retry prepares it afresh", async () => {
    const table = `prepared_${randomUUID().slice(0, 8)}`;
    await testPool.query(`CREATE TABLE ${table} (id int PRIMARY KEY, n smallint NOT NULL)`);
    await testPool.query(`INSERT INTO ${table} VALUES (1, 7)`);
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    pool.on("error", () => {});
    try {
      const db = pgTransactions(pool);
      const read = () => db.transaction((sql) => sql.query<{ n: number }>(`SELECT n FROM ${table} WHERE id = $1`, [1], `read-${table}`));
      expect(await read()).toEqual([{ n: 7 }]);
      await testPool.query(`ALTER TABLE ${table} ALTER COLUMN n TYPE text`); // the migration, while the portal runs
      const stale = await read().then(() => null, (e: unknown) => e);
      expect(stale).toMatchObject({ code: "0A000" }); // cached plan must not change result type
      expect(await read()).toEqual([{ n: "7" }]); // a new connection: prepared afresh
    } finally {
      await pool.end();
      await testPool.query(`DROP TABLE ${table}`);
    }
  });
});
