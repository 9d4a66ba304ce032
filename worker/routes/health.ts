import { Hono } from 'hono';
import type { AppEnv } from '../env';

/** Liveness only: answers without touching D1 or the engine. */
export const healthRoutes = new Hono<AppEnv>();

healthRoutes.get('/healthz', (c) => c.json({ ok: true }));
