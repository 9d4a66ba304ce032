/**
 * Browser-facing protections: security headers on every response, a strict
 * Content-Security-Policy (Swagger UI at /docs loads its bundle from a CDN,
 * so it gets a looser one), and CORS only for origins on the allow-list.
 */
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../env';

const SELF = ["'self'"];

const strict = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: SELF, scriptSrc: SELF, connectSrc: SELF, imgSrc: [...SELF, 'data:'],
    // Inline style attributes are allowed: SVG diagrams and small UI bits use them; scripts stay 'self'.
    styleSrc: [...SELF, "'unsafe-inline'"], fontSrc: SELF, objectSrc: ["'none'"], baseUri: ["'none'"],
    frameAncestors: ["'none'"], formAction: SELF,
  },
  referrerPolicy: 'no-referrer',
});

const SWAGGER_CDN = 'https://cdn.jsdelivr.net';
const forDocs = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: SELF, scriptSrc: [...SELF, SWAGGER_CDN, "'unsafe-inline'"], styleSrc: [...SELF, SWAGGER_CDN, "'unsafe-inline'"],
    imgSrc: [...SELF, 'data:', SWAGGER_CDN], connectSrc: SELF, frameAncestors: ["'none'"], objectSrc: ["'none'"],
  },
  referrerPolicy: 'no-referrer',
});

export const securityHeaders = createMiddleware<AppEnv>((c, next) => (c.req.path === '/docs' ? forDocs(c, next) : strict(c, next)));

/** Origins from CORS_ORIGINS (comma-separated, exact match); none by default, so only same-origin pages call the API. */
export function allowedOrigins(setting: string | undefined): string[] {
  return (setting ?? '').split(',').map((o) => o.trim()).filter((o) => /^https?:\/\/[^/\s]+$/.test(o));
}

export const corsAllowList = createMiddleware<AppEnv>((c, next) => {
  const allowed = allowedOrigins(c.env.CORS_ORIGINS);
  return cors({
    origin: (origin) => (allowed.includes(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
    exposeHeaders: ['idempotent-replayed', 'retry-after'],
    maxAge: 600,
  })(c, next);
});
