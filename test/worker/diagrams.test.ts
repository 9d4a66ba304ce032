/** The SVG diagram routes: a question's topology (never its fault), a flow's sequence, the packet walks of flows 5-8. */
import { describe, expect, it } from 'vitest';
import { build, labSeedOf } from '../../content/family';
import { findFamily, question as contentQuestion, solution } from '../../content/index';
import { flowWalkthrough } from '../../content/walkthroughs';
import { topologySvg } from '../../diagrams/index';
import { buildCloud } from '../../engine/index';
import { api, expectProblem, signUp } from './http';

interface QuestionBody { id: string; family: string; seed: string; scenario: string[]; computes: number; lab: { seed: string } }

async function issue(key: string, family: string): Promise<QuestionBody> {
  const response = await api('/v1/questions', { key, body: { family } });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as QuestionBody;
}

async function expectSvg(response: Response): Promise<string> {
  const body = await response.text();
  expect(response.status, body).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
  expect(body.startsWith('<svg')).toBe(true);
  return body;
}

describe('diagram routes', () => {
  it("draws the learner's own question's cloud, with the devices the question is about", async () => {
    const { key } = await signUp();
    const q = await issue(key, 'f2-device-names');
    const { bridge, vxlan, namespace } = solution(q.family, q.seed) as Record<string, string>;
    const svg = await expectSvg(await api(`/v1/questions/${q.id}/diagrams/topology`, { key }));
    for (const name of [bridge!, vxlan!, namespace!]) expect(svg).toContain(name);
    expect(svg).toContain('lang="en"');

    const again = await api(`/v1/questions/${q.id}/diagrams/topology?lang=zh&highlight=${encodeURIComponent(bridge!)}`, { key });
    const zh = await expectSvg(again);
    expect(zh).toContain('lang="zh-CN"');
    expect(again.headers.get('cache-control')).toBe('private, max-age=86400');

    await expectProblem(await api(`/v1/questions/${q.id}/diagrams/topology`), 401, 'unauthorized');
    const other = await signUp();
    await expectProblem(await api(`/v1/questions/${q.id}/diagrams/topology`, { key: other.key }), 404, 'not-found');
    await expectProblem(await api(`/v1/questions/${q.id}/diagrams/topology?lang=fr`, { key }), 400, 'invalid-request');
  });

  it("draws a troubleshooting question's scenario as issued, not the faulted cloud its answer is about", async () => {
    const { key } = await signUp();
    const q = await issue(key, 'f2-fix-dhcp-plumbing');
    expect(findFamily(q.family).kind).toBe('troubleshooting');
    const svg = await expectSvg(await api(`/v1/questions/${q.id}/diagrams/topology`, { key }));
    const asIssued = buildCloud(contentQuestion(q.family, q.seed).scenario, { computes: q.computes, seed: labSeedOf(q) });
    expect(svg).toBe(topologySvg(asIssued.cloud, { lang: 'en' }));
    expect(svg).not.toBe(topologySvg(build(findFamily(q.family), q.seed).world.cloud, { lang: 'en' }));
  });

  it("draws a flow's sequence from its walkthrough, the same bytes for the same seed", async () => {
    const { key } = await signUp();
    const first = await expectSvg(await api('/v1/flows/1/diagrams/sequence?seed=study-1', { key }));
    expect(first).toContain('nova-api');
    expect(await expectSvg(await api('/v1/flows/1/diagrams/sequence?seed=study-1', { key }))).toBe(first);

    const fresh = await api('/v1/flows/1/diagrams/sequence', { key });
    const seed = fresh.headers.get('walkthrough-seed')!;
    expect(seed).toBeTruthy();
    expect(fresh.headers.get('cache-control')).toBe('no-store');
    expect(await api(`/v1/flows/1/diagrams/sequence?seed=${seed}`, { key }).then((r) => r.text())).toBe(await fresh.text());
    await expectProblem(await api('/v1/flows/0/diagrams/sequence', { key }), 400, 'invalid-request');
  });

  it('walks the packet of flows 5 to 8 and has no walk for flows 1 to 4', async () => {
    const { key } = await signUp();
    for (const n of [5, 6, 7, 8]) await expectSvg(await api(`/v1/flows/${n}/diagrams/walk?seed=walk-1`, { key }));
    const floating = /--floating-ip-address (\S+)/.exec(flowWalkthrough(8, 'walk-1').scenario.join('\n'))![1]!;
    expect(await api('/v1/flows/8/diagrams/walk?seed=walk-1', { key }).then((r) => r.text())).toContain(floating);
    for (const n of [1, 4]) await expectProblem(await api(`/v1/flows/${n}/diagrams/walk`, { key }), 404, 'not-found');
  });

  it('names gzip when the client accepts it, and documents the routes as image/svg+xml', async () => {
    const { key } = await signUp();
    const gz = await api('/v1/flows/6/diagrams/walk?seed=g', { key, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect((await api('/v1/flows/6/diagrams/walk?seed=g', { key })).headers.get('content-encoding')).toBeNull();
    // Only the diagram routes: the rest of the API is untouched.
    expect((await api('/v1/me', { key, headers: { 'accept-encoding': 'gzip' } })).headers.get('content-encoding')).toBeNull();

    const doc = (await (await api('/openapi.json')).json()) as { paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }> };
    for (const path of ['/v1/questions/{id}/diagrams/topology', '/v1/flows/{n}/diagrams/sequence', '/v1/flows/{n}/diagrams/walk']) {
      expect(Object.keys(doc.paths[path]!.get!.responses['200']!.content!)).toEqual(['image/svg+xml']);
    }
  });
});
