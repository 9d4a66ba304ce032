/// <reference types="@cloudflare/vitest-pool-workers/types" />
import type { D1Migration } from 'cloudflare:test';
import type { Env as WorkerEnv } from '../../worker/env';

// Types for `import { env, exports } from 'cloudflare:workers'` inside tests.
declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      /** Added by vitest.config.ts; applied by test/worker/setup.ts. */
      TEST_MIGRATIONS: D1Migration[];
    }
    interface GlobalProps {
      mainModule: typeof import('../../worker/index');
    }
  }
}
