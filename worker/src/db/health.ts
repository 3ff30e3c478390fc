/** The health check's database probe. */

/** Reads one constant row, so a missing or broken D1 binding fails the health check. */
export async function pingDatabase(db: D1Database): Promise<void> {
  await db.prepare('SELECT 1').first();
}
