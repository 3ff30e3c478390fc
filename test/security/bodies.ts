/** Valid request bodies for every write path, the starting points the suites mutate. */
export function reviewBody(extra: Record<string, unknown> = {}) {
  return { kind: 'review', rating: 4, title: 'Good kettle', body: 'Boils fast and pours cleanly.', author: { name: 'Ada' }, subject: 'sku-1', ...extra };
}

export function complaintBody(extra: Record<string, unknown> = {}) {
  return {
    kind: 'complaint',
    category: 'delivery',
    body: 'The parcel arrived broken and late.',
    expected: 'On time, intact.',
    desiredOutcome: 'A replacement.',
    author: { name: 'Bahar', email: 'bahar@example.com' },
    orderRef: 'ORD-1',
    subject: 'sku-1',
    ...extra,
  };
}

export function storyBody(extra: Record<string, unknown> = {}) {
  return { kind: 'story', title: 'An idea', body: 'Please sell refills.', author: { name: 'Cyrus' }, subject: 'sku-1', ...extra };
}

let keyCounter = 0;
/** A fresh valid Idempotency-Key. */
export function idemKey(): string {
  keyCounter += 1;
  return `k-${Date.now().toString(36)}-${keyCounter}-${Math.random().toString(36).slice(2, 10)}`;
}

let ipCounter = 0;
/** A fresh documentation-range client address, so rate limits of one test never meet another's. */
export function clientIp(): string {
  ipCounter += 1;
  return `198.51.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

