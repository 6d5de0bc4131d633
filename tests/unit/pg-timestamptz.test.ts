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
  ])("reads %s as node-postgres does", (text) => {
    expect(parseTimestamptz(text).getTime()).toBe(reference(text).getTime());
  });

  it("hands anything unusual to node-postgres's parser", () => {
    expect(parseTimestamptz("infinity")).toEqual(reference("infinity"));
    expect(parseTimestamptz("0044-03-15 12:00:00+00 BC").getTime()).toBe(reference("0044-03-15 12:00:00+00 BC").getTime());
  });
});
