import { Hono } from 'hono';
import type { AppEnv } from '../types.ts';

// Placeholder router: filled in by its own change.
export const adminSessionRoutes = new Hono<AppEnv>();
