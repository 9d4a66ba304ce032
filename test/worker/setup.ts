import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

// Setup files may run more than once per worker; applyD1Migrations skips
// migrations it has already recorded, so this stays idempotent.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
