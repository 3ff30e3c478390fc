import { describe, expect, it } from 'vitest';
import { orderToken } from './order-token.ts';

describe('orderToken', () => {
  it('reads rb_order once and takes it out of the address bar, keeping other parameters and the hash', () => {
    history.replaceState({ keep: 1 }, '', '/product?color=red&rb_order=signed.token&size=a%20b#reviews');
    expect(orderToken()).toBe('signed.token');
    expect(location.pathname + location.search + location.hash).toBe('/product?color=red&size=a%20b#reviews');
    expect(history.state).toEqual({ keep: 1 });
    // Read again after it left the address bar: the page still knows it.
    expect(orderToken()).toBe('signed.token');
  });

  it('leaves an address without the token untouched', () => {
    history.replaceState(null, '', '/plain?x=1#top');
    orderToken();
    expect(location.pathname + location.search + location.hash).toBe('/plain?x=1#top');
  });

  it('drops the question mark when the token was the only parameter', () => {
    history.replaceState(null, '', '/only?rb_order=t2#h');
    expect(orderToken()).toBe('t2');
    expect(location.pathname + location.search + location.hash).toBe('/only#h');
  });
});
