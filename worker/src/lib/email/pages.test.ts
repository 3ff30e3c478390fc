import { describe, expect, it } from 'vitest';
import { emailPage } from './pages.ts';

describe('emailPage', () => {
  it.each([
    ['unsubscribe', 'en', 'ltr', 'Unsubscribe'],
    ['unsubscribe', 'fa', 'rtl', 'لغو اشتراک'],
    ['confirm', 'fa', 'rtl', 'بله، تأیید می‌کنم'],
  ] as const)('asks before acting: %s in %s has one button that posts back', (page, lang, dir, button) => {
    const html = emailPage(page, lang, 'Shop', 'https://rebound.test/v1/email/unsubscribe?t=a&lang=fa');
    expect(html).toContain(`<html lang="${lang}" dir="${dir}">`);
    expect(html).toContain('<form method="post" action="https://rebound.test/v1/email/unsubscribe?t=a&amp;lang=fa">');
    expect(html).toContain(`>${button}</button>`);
  });

  it('shows the result without a form', () => {
    expect(emailPage('unsubscribed', 'en', 'Shop')).not.toContain('<form');
  });

  it('escapes the site name', () => {
    const html = emailPage('unsubscribe', 'en', '<img src=x onerror=alert(1)>', 'https://x.example/');
    expect(html).not.toContain('<img');
    expect(html).toContain('<bdi>&lt;img src=x onerror=alert(1)&gt;</bdi>');
  });
});
