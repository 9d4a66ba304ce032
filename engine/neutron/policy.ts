/** oslo.policy as the install guide leaves it: provider, external and shared attributes are admin-only. */
import type { Ctx } from '../core/context.js';
import { faults } from './faults.js';

export function isAdmin(ctx: Ctx): boolean {
  return ctx.cloud.db.projects[ctx.cloud.currentProject]?.name === 'admin';
}

export function requireAdmin(ctx: Ctx, rule: string): void {
  if (!isAdmin(ctx)) throw faults.policy(rule);
}
