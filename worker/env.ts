/** Bindings the worker receives from wrangler.toml. */
export interface Env {
  /** StackTutor's D1 database; schema lives in migrations/. */
  DB: D1Database;
}

/** Hono's type parameter for every app and router in this worker. */
export interface AppEnv {
  Bindings: Env;
}
