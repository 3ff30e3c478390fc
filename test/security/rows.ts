/** Row counts of every table the app writes, to prove a refused request wrote nothing. */
import { env } from 'cloudflare:test';

let tables: string[] | null = null;

/** Every application table, read from the schema so tables added by later migrations count too. */
export async function appTables(): Promise<string[]> {
  if (!tables) {
    const rows = await env.DB.prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'
       ORDER BY name`,
    ).all<{ name: string }>();
    tables = rows.results.map((r) => r.name);
  }
  return tables;
}

/** `{ table: rowCount }` for every application table, in one query. */
export async function rowCounts(): Promise<Record<string, number>> {
  const names = await appTables();
  // Table names come from sqlite_master, not from input, and cannot be bound as parameters.
  const sql = `SELECT ${names.map((n, i) => `(SELECT count(*) FROM "${n}") AS c${i}`).join(', ')}`;
  const row = (await env.DB.prepare(sql).first<Record<string, number>>()) ?? {};
  return Object.fromEntries(names.map((n, i) => [n, row[`c${i}`] ?? 0]));
}

/** The tables whose counts differ between two snapshots, with their change. */
export function changed(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, n] of Object.entries(after)) if (n !== (before[name] ?? 0)) out[name] = n - (before[name] ?? 0);
  return out;
}
