/** The Hono environment shared by every router: bindings and per-request variables. */
import type { SiteRow } from './db/sites.ts';

export interface StaffContext {
  sessionHash: string;
  siteId: string;
  siteName: string;
  staffId: string;
  staffName: string;
  expiresAt: number;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** The site named in `/v1/sites/{site}/...`, loaded once by `loadSite`. */
    site: SiteRow;
    /** The logged-in staff member, set by `requireStaff`. */
    staff: StaffContext;
    /** Milliseconds since epoch for this request: decisions take the clock as input. */
    now: number;
  };
}
