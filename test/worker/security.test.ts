/** Security headers on every response, CORS only for the allow-list. */
import { describe, expect, it } from 'vitest';
import { api, send, signUp } from './http';

describe('security headers and CORS', () => {
  it('sends a strict CSP and the usual hardening headers, on successes and errors alike', async () => {
    for (const response of [await send('/healthz'), await send('/v1/me'), await send('/nope')]) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toContain('max-age=');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect((await send('/docs')).headers.get('content-security-policy')).toContain('https://cdn.jsdelivr.net');
  });

  it('answers a preflight from an allowed origin, and nothing for others', async () => {
    const preflight = (origin: string) => send('/v1/questions', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    const ok = await preflight('https://tutor.example');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://tutor.example');
    expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
    const evil = await preflight('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();

    const { key } = await signUp();
    const real = await api('/v1/me', { key, headers: { origin: 'https://evil.example' } });
    expect(real.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await api('/v1/me', { key, headers: { origin: 'https://tutor.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://tutor.example');
  });
});
