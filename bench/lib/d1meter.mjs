/**
 * Wraps a D1 binding so the worker's own query functions can be called unchanged while every
 * statement's `meta` (rows_read, duration) is recorded. `first()` is answered from `all()` so
 * its meta is visible too; the rows it returns are the same.
 */
export function meteredD1(db) {
  const log = [];
  const wrapStatement = (stmt, sql) => ({
    sql,
    bind: (...args) => wrapStatement(stmt.bind(...args), sql),
    async all() {
      const result = await stmt.all();
      log.push({ sql, meta: result.meta });
      return result;
    },
    async run() {
      const result = await stmt.run();
      log.push({ sql, meta: result.meta });
      return result;
    },
    async first(column) {
      const result = await stmt.all();
      log.push({ sql, meta: result.meta });
      const row = result.results[0] ?? null;
      return column === undefined || row === null ? row : row[column];
    },
    raw: (options) => stmt.raw(options),
    get statement() {
      return stmt;
    },
  });
  const metered = {
    prepare: (sql) => wrapStatement(db.prepare(sql), sql),
    async batch(statements) {
      const results = await db.batch(statements.map((s) => s.statement ?? s));
      results.forEach((result, i) => log.push({ sql: statements[i].sql ?? '(batch)', meta: result.meta }));
      return results;
    },
    exec: (sql) => db.exec(sql),
    withSession: (...args) => db.withSession(...args),
  };
  return {
    db: metered,
    /** Takes the statements recorded since the last call. */
    take() {
      return log.splice(0, log.length);
    },
  };
}

/** Sums rows read over recorded statements. */
export function rowsRead(entries) {
  return entries.reduce((sum, e) => sum + (e.meta?.rows_read ?? 0), 0);
}
