/** The contract between widget, worker and merchants: every body, answer and message. */
export * from './limits.ts';
export * from './text.ts';
export * from './problem.ts';
export * from './submission.ts';
export * from './review.ts';
export * from './site.ts';
export * from './admin.ts';
export * from './queue.ts';
export * from './cases.ts';
export * from './orders.ts';
export * from './webhooks.ts';
export * from './metrics.ts';
export * from './origins.ts';
