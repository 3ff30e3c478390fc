/**
 * The widget's public DOM events. All bubble and cross the shadow boundary, and all fire only on
 * a shopper's action. None carries personal data: a host page's analytics may listen to them.
 */
import type { Kind } from '../../../shared/submission.ts';

const init = { bubbles: true, composed: true } as const;

/** The server accepted a submission (immediately, or later from the offline outbox). */
export class RbSubmittedEvent extends Event {
  constructor(
    readonly kind: Kind,
    readonly id: string | null,
    readonly caseRef: string | null,
  ) {
    super('rb-submitted', init);
  }
}

/** A submission could not be sent now and waits in the outbox until the shopper is back online. */
export class RbQueuedEvent extends Event {
  constructor(readonly kind: Kind) {
    super('rb-queued', init);
  }
}

/** A submission was refused (validation or a server problem the shopper must fix). */
export class RbErrorEvent extends Event {
  constructor(
    readonly kind: Kind,
    readonly status: number,
    readonly codes: readonly string[],
  ) {
    super('rb-error', init);
  }
}

/** The shopper marked a review helpful. */
export class RbHelpfulEvent extends Event {
  constructor(readonly reviewId: string) {
    super('rb-helpful', init);
  }
}

declare global {
  interface HTMLElementEventMap {
    'rb-submitted': RbSubmittedEvent;
    'rb-queued': RbQueuedEvent;
    'rb-error': RbErrorEvent;
    'rb-helpful': RbHelpfulEvent;
  }
}
