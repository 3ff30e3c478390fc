-- The cron's breach sweep (worker/src/cron.ts, BREACH_CANDIDATES_SQL) asks for open, unbreached
-- cases whose next deadline has passed. With this index it reads only those, instead of every
-- open case on every run (measured by `npm run bench`: ~117k rows read per run at 100k cases).
CREATE INDEX cases_breach ON cases (due_at)
  WHERE breached_at IS NULL AND status IN ('new', 'acknowledged', 'in_progress') AND due_at IS NOT NULL;
