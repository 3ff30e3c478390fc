/** Placeholder cron handler: escalation and follow-ups replace it. */
export async function handleScheduled(_controller: ScheduledController, _env: Env): Promise<void> {}
