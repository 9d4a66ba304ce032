/**
 * Outputs captured from the real client (python-openstackclient 6.6.1,
 * openstacksdk 3.0.0, cliff 4.6.0, osc-lib 3.0.1, prettytable 3.9.0 — the
 * 2024.1 upper-constraints) run against a loopback fake cloud serving the API
 * objects in golden/cloud.json. Each case NAME has NAME.out, NAME.err, NAME.rc.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliOutput } from '../../../engine/openstack/present';

const DIR = join(import.meta.dirname, 'golden');

export function golden(name: string): CliOutput {
  const read = (ext: string): string => readFileSync(join(DIR, `${name}.${ext}`), 'utf8');
  return { stdout: read('out'), stderr: read('err'), exitCode: Number(read('rc').trim()) };
}

interface Cloud {
  network: { networks: any[]; subnets: any[]; ports: any[]; routers: any[]; floatingips: any[] };
  compute: { servers: any[]; flavors: any[] };
  image: { images: any[] };
  volume: { volumes: any[] };
  identity: { projects: any[] };
  routes: { match: string; status?: number; body?: any; headers?: Record<string, string> }[];
}

export const cloud: Cloud = JSON.parse(readFileSync(join(DIR, 'cloud.json'), 'utf8'));

/** The body the fake cloud answered for the first route whose pattern contains `needle`. */
export function routeBody(needle: string): any {
  const route = cloud.routes.find((r) => r.match.includes(needle));
  if (!route) throw new Error(`no route ${needle}`);
  return route.body;
}

export const byName = <T extends { name?: string }>(items: T[], name: string): T => {
  const found = items.find((i) => i.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
};
