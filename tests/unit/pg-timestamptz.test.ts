// The courier path's timestamptz parser (lib/db/sql.ts) agrees with node-postgres's own on every form PostgreSQL
// prints, whatever the session's time zone.
import { describe, expect, it } from "vitest";
import pg from "pg";
import { parseTimestamptz } from "@/lib/db/sql";

const reference = pg.types.getTypeParser(1184) as (text: string) => Date;

describe("parseTimestamptz", () => {
  it.each([
    "2026-11-23 15:02:01.123+00",
    "2026-11-23 15:02:01+00",
    "2026-06-30 23:59:59.999999+01",
    "2026-03-29 01:30:00.5-05",
    "2026-11-23 15:02:01.12+05:30",
    "1999-12-31 23:59:59.001-09:30",
    "2024-02-29 00:00:00+00",
    "2026-11-23 15:02:01.000001+00",
    "2026-11-23 15:02:01.999999-03:30",
    "2026-11-23 15:02:01.1+14",
    "0100-01-01 00:00:00+00",
    "9999-12-31 23:59:59.999+00",
    "2026-11-23 15:02:01.5+05:45",
    "1847-12-01 00:00:00+00:01:15",
    "1800-01-01 12:00:00-00:01:15",
  ])("reads %s as node-postgres does", (text) => {
    expect(parseTimestamptz(text).getTime()).toBe(reference(text).getTime());
  });

  it("agrees on thousands of instants printed as PostgreSQL prints them, in any offset", () => {
    const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, "0");
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 5000; k++) {
      const ms = Math.floor(random() * 6e12) - 1e12;
      const offsetMinutes = (Math.floor(random() * 57) - 28) * 30;
      const local = new Date(ms + offsetMinutes * 60_000);
      const micros = random() < 0.3 ? "" : `.${pad(local.getUTCMilliseconds(), 3)}${random() < 0.5 ? pad(Math.floor(random() * 1000), 3) : ""}`.replace(/0+$/, "").replace(/\.$/, "");
      const offset = `${offsetMinutes < 0 ? "-" : "+"}${pad(Math.trunc(offsetMinutes / 60))}${offsetMinutes % 60 ? `:${pad(offsetMinutes % 60)}` : ""}`;
      const text = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${micros}${offset}`;
      expect(parseTimestamptz(text).getTime(), text).toBe(reference(text).getTime());
    }
  });

  it("hands anything unusual to node-postgres's parser", () => {
    expect(parseTimestamptz("infinity")).toEqual(reference("infinity"));
    expect(parseTimestamptz("0044-03-15 12:00:00+00 BC").getTime()).toBe(reference("0044-03-15 12:00:00+00 BC").getTime());
    expect(parseTimestamptz("0099-03-15 12:00:00+00").getTime()).toBe(reference("0099-03-15 12:00:00+00").getTime());
    expect(parseTimestamptz("12026-03-15 12:00:00+00").getTime()).toBe(reference("12026-03-15 12:00:00+00").getTime());
    expect(parseTimestamptz("2026-03-15 12:00:00+00x").getTime()).toBe(reference("2026-03-15 12:00:00+00x").getTime());
  });
});
