import { describe, expect, it } from 'vitest';
import { pagePath } from './page-path.ts';

describe('pagePath', () => {
  it.each([
    ['/', 'root'],
    ['/admin/', 'admin'],
    ['/admin', 'admin'],
    ['/admin/assets/admin-abc123.js', 'admin'],
    ['/track/', 'track'],
    ['/demo/', 'demo'],
    ['/demo/fa', 'demo'],
    ['/widget.js', 'asset'],
    ['/widget-form-1a2b.js', 'asset'],
    ['/favicon.ico', 'asset'],
  ])('reads %s as %s', (path, area) => {
    expect(pagePath(path)).toEqual({ ok: true, area });
  });

  it.each([
    '/%61dmin/',
    '/%2561dmin/',
    '/admin%2f',
    '/adm%69n/',
    '//admin/',
    '/admin//',
    '///admin',
    '/./admin/',
    '/admin/./',
    '/admin/../admin/',
    '/admin/..;/',
    '/admin;/',
    '/admin./',
    '/admin../',
    '/admin/index.html.',
    '/ADMIN/',
    '/Admin/',
    '/TRACK/',
    '/Demo/',
    '/admin.html',
    '/adminx/',
    '/trackers',
    '/demo.html',
    '/admin\\',
    '/\\admin/',
    '/admin /',
    '/admin\t/',
    'admin/',
    '',
  ])('refuses the odd spelling %j', (path) => {
    expect(pagePath(path)).toEqual({ ok: false });
  });
});
