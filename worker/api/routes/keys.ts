/** API key rotation and revocation. */
import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { Problem } from '../../http/problem';
import { addKey, listKeys, revokeKey, TooManyKeysError } from '../../tutor/keys';
import { BEARER, COMMON_ERRORS, apiRouter, errors, json } from '../router';

export const keyRoutes = apiRouter();

const KeySchema = z.object({ id: z.string(), prefix: z.string(), createdAt: z.string(), revokedAt: z.string().nullable(), current: z.boolean() }).meta({ id: 'ApiKey' });

keyRoutes.openapi(createRoute({
  method: 'get', path: '/me/keys', tags: ['learners'], security: BEARER, summary: "The learner's API keys (prefixes only)",
  responses: { 200: json(z.object({ keys: z.array(KeySchema) }), 'Keys, oldest first'), 401: COMMON_ERRORS[401], 429: COMMON_ERRORS[429] },
}), async (c) => c.json({ keys: await listKeys(c.var.db, c.var.learner, c.var.apiKeyId) }, 200));

keyRoutes.openapi(createRoute({
  method: 'post', path: '/me/keys', tags: ['learners'], security: BEARER, summary: 'A new API key (shown once), to rotate: move clients to it, then revoke the old one',
  responses: { 201: json(z.object({ key: KeySchema, apiKey: z.string() }), 'The new key'), 401: COMMON_ERRORS[401], 409: errors.problem('Too many live keys'), 429: COMMON_ERRORS[429] },
}), async (c) => {
  try {
    return c.json(await addKey(c.var.db, c.var.learner, c.var.now), 201);
  } catch (e) {
    if (e instanceof TooManyKeysError) throw new Problem('too-many-keys', e.message);
    throw e;
  }
});

keyRoutes.openapi(createRoute({
  method: 'delete', path: '/me/keys/{id}', tags: ['learners'], security: BEARER, summary: 'Revoke a key at once (other isolates may honour it for up to 30 s)',
  request: { params: z.object({ id: z.uuid().meta({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 204: { description: 'Revoked' }, 400: COMMON_ERRORS[400], 401: COMMON_ERRORS[401], 404: errors[404], 429: COMMON_ERRORS[429] },
}), async (c) => {
  await revokeKey(c.var.db, c.var.learner, c.req.valid('param').id, c.var.now);
  c.var.keyCache.forgetLearner(c.var.learner.id);
  return c.body(null, 204);
});
