/**
 * `/v1/admin/session`: staff log in with a token from `npm run site`, and get a session cookie.
 * Only a hash of the session id is stored; the cookie is the one place the id exists.
 */
import { Hono } from 'hono';
import type { AppEnv, StaffContext } from '../types.ts';
import { LoginInput, type StaffSession } from '../../../shared/admin.ts';
import { createSession, deleteSession, findActiveStaffToken } from '../db/staff.ts';
import { randomToken, sha256Hex } from '../lib/crypto.ts';
import { ProblemError } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import { requireJson, valid } from '../lib/validate.ts';
import {
  SESSION_TTL_MS,
  clearSessionCookie,
  refuseCrossSite,
  requireStaff,
  writeSessionCookie,
} from '../middleware/staff.ts';

function sessionAnswer(staff: StaffContext): StaffSession {
  return {
    site: { id: staff.siteId, name: staff.siteName },
    staff: { id: staff.staffId, name: staff.staffName },
    expiresAt: iso(staff.expiresAt),
  };
}

export const adminSessionRoutes = new Hono<AppEnv>()
  // Every staff change under /v1/admin, from any router mounted after this one, must come
  // from the moderation page itself; the routers repeat it on their own paths as well.
  .use('*', refuseCrossSite)
  .post('/session', requireJson, valid('json', LoginInput), async function logIn(c) {
    const { token } = c.req.valid('json');
    const now = c.get('now');
    const found = await findActiveStaffToken(c.env.DB, await sha256Hex(token), now);
    if (!found) throw new ProblemError(401, 'invalid-token', 'This staff token is not valid.');
    const sessionId = randomToken(32);
    const expiresAt = now + SESSION_TTL_MS;
    const sessionHash = await sha256Hex(sessionId);
    await createSession(c.env.DB, { idHash: sessionHash, siteId: found.siteId, staffId: found.id, createdAt: now, expiresAt });
    writeSessionCookie(c, sessionId);
    const staff = { sessionHash, siteId: found.siteId, siteName: found.siteName, staffId: found.id, staffName: found.name, expiresAt };
    return c.json(sessionAnswer(staff), 201);
  })
  .get('/session', requireStaff, function currentSession(c) {
    return c.json(sessionAnswer(c.get('staff')));
  })
  .delete('/session', requireStaff, async function logOut(c) {
    await deleteSession(c.env.DB, c.get('staff').sessionHash);
    clearSessionCookie(c);
    return c.body(null, 204);
  });
