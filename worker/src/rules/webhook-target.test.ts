import { describe, expect, it } from 'vitest';
import { REFUSED_WEBHOOK_URLS } from '../../../test/security/private-targets.ts';
import { webhookTarget } from './webhook-target.ts';

const ACCEPTED: readonly string[] = [
  'https://hooks.shop.example/rebound',
  'https://shop.example:8443/webhooks?source=rebound',
  'https://8.8.8.8/',
  'https://1.1.1.1:443/hook',
  'https://100.63.255.255/',
  'https://100.128.0.1/',
  'https://172.15.255.255/',
  'https://172.32.0.1/',
  'https://169.253.255.255/',
  'https://[2606:4700:4700::1111]/',
  'https://[::ffff:8.8.8.8]/',
  'https://[64:ff9b::808:808]/',
  'https://[2002:808:808::1]/',
  'https://xn--mgbh0fb.example/',
  'https://internal.shop.example/',
  'https://localhost.shop.example/',
];

describe('webhookTarget', () => {
  it.each(REFUSED_WEBHOOK_URLS)('refuses %s (%s)', (url, reason) => {
    expect(webhookTarget(url, { allowLocal: false })).toEqual({ ok: false, reason });
  });

  it.each(ACCEPTED)('accepts the public https endpoint %s', (url) => {
    expect(webhookTarget(url, { allowLocal: false })).toEqual({ ok: true });
  });

  it('lets local development reach local receivers over http, and only http(s)', () => {
    for (const url of ['http://localhost:8787/hooks', 'http://127.0.0.1:9/hooks', 'https://10.0.0.1/', 'http://[::1]:3000/']) {
      expect(webhookTarget(url, { allowLocal: true })).toEqual({ ok: true });
    }
    expect(webhookTarget('file:///etc/passwd', { allowLocal: true })).toEqual({ ok: false, reason: 'invalid_url' });
  });
});
