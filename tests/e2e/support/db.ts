// Read-only look-ups for end-to-end tests (e.g. a reference no demo practice may see).
import pg from "pg";

export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set for the end-to-end tests (run them with npm test)");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A movement where neither demo practice (nor A's branch) is sender or receiver. */
export async function foreignReference(): Promise<string> {
  const rows = await query<{ reference: string }>(`
    SELECT m.reference FROM "RecordMovement" m
    JOIN "Organisation" f ON f.id = m."fromOrganisationId"
    JOIN "Organisation" t ON t.id = m."toOrganisationId"
    WHERE f."odsCode" NOT IN ('A81001','A81001B1','F84003') AND t."odsCode" NOT IN ('A81001','A81001B1','F84003')
    ORDER BY m."createdAt" DESC LIMIT 1`);
  return rows[0].reference;
}

/** A movement between the two demo practices' worlds: sent by A (or its branch). */
export async function referenceSentBy(odsCodes: string[]): Promise<string> {
  const rows = await query<{ reference: string }>(
    `SELECT m.reference FROM "RecordMovement" m JOIN "Organisation" f ON f.id = m."fromOrganisationId"
     WHERE f."odsCode" = ANY($1) ORDER BY m."createdAt" DESC LIMIT 1`,
    [odsCodes],
  );
  return rows[0].reference;
}

/** A random NHS number in the 999 test range with a valid check digit. */
export function randomTestNhsNumber(): string {
  const weights = [10, 9, 8, 7, 6, 5, 4, 3, 2];
  for (;;) {
    const first = `999${String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0")}`;
    const check = 11 - (weights.reduce((s, w, i) => s + w * Number(first[i]), 0) % 11);
    if (check !== 10) return first + String(check === 11 ? 0 : check);
  }
}
