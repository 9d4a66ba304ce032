/** Rotating and revoking API keys. */
import { describe, expect, it } from 'vitest';
import { api, expectProblem, signUp } from './http';
import { rowCounts } from './db';

describe('API keys', () => {
  it('rotates: a new key works, the old one stops working once revoked', async () => {
    const { key: oldKey } = await signUp();
    const created = await api('/v1/me/keys', { key: oldKey, method: 'POST' });
    expect(created.status).toBe(201);
    const { apiKey: newKey, key } = (await created.json()) as { apiKey: string; key: { id: string } };
    expect(newKey).not.toBe(oldKey);
    expect((await api('/v1/me', { key: newKey })).status).toBe(200);

    const listed = (await (await api('/v1/me/keys', { key: newKey })).json()) as { keys: { id: string; current: boolean; revokedAt: string | null; prefix: string }[] };
    expect(listed.keys).toHaveLength(2);
    expect(listed.keys.find((k) => k.current)!.id).toBe(key.id);
    expect(JSON.stringify(listed)).not.toContain(newKey);
    const old = listed.keys.find((k) => !k.current)!;
    expect(oldKey.startsWith(old.prefix)).toBe(true);

    expect((await api(`/v1/me/keys/${old.id}`, { key: newKey, method: 'DELETE' })).status).toBe(204);
    await expectProblem(await api('/v1/me', { key: oldKey }), 401, 'unauthorized');
    expect((await api(`/v1/me/keys/${old.id}`, { key: newKey, method: 'DELETE' })).status).toBe(204);
    const after = (await (await api('/v1/me/keys', { key: newKey })).json()) as { keys: { revokedAt: string | null }[] };
    expect(after.keys.filter((k) => k.revokedAt !== null)).toHaveLength(1);
  });

  it("cannot touch another learner's key, and caps live keys", async () => {
    const alice = await signUp();
    const bob = await signUp();
    const bobKeys = (await (await api('/v1/me/keys', { key: bob.key })).json()) as { keys: { id: string }[] };
    const before = await rowCounts();
    await expectProblem(await api(`/v1/me/keys/${bobKeys.keys[0]!.id}`, { key: alice.key, method: 'DELETE' }), 404, 'not-found');
    expect(await rowCounts()).toEqual(before);
    expect((await api('/v1/me', { key: bob.key })).status).toBe(200);

    for (let i = 0; i < 4; i++) expect((await api('/v1/me/keys', { key: alice.key, method: 'POST' })).status).toBe(201);
    await expectProblem(await api('/v1/me/keys', { key: alice.key, method: 'POST' }), 409, 'too-many-keys');
  });
});
