/** Studying a flow, and replaying a question's or a walkthrough's cloud in the lab. */
import { describe, expect, it } from 'vitest';
import { api, expectProblem, signUp } from './http';

describe('flows and the lab', () => {
  it('lists the eight flows and walks one through on a reproducible scenario', async () => {
    const { key } = await signUp();
    const list = (await (await api('/v1/flows', { key })).json()) as { flows: { flow: number; families: number }[] };
    expect(list.flows.map((f) => f.flow)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(list.flows.every((f) => f.families > 0)).toBe(true);

    const first = (await (await api('/v1/flows/7?seed=study-1', { key })).json()) as { seed: string; scenario: string[]; computes: number; trace: { changes: string[] }[]; steps: unknown[] };
    const again = await (await api('/v1/flows/7?seed=study-1', { key })).json();
    expect(again).toEqual(first);
    expect(first.trace.length).toBeGreaterThan(3);
    expect(first.steps.length).toBeGreaterThan(5);
    const fresh = (await (await api('/v1/flows/7', { key })).json()) as { seed: string };
    expect(fresh.seed).not.toBe('study-1');

    // The lab rebuilds the walkthrough's cloud: the router namespace the trace created is there.
    const ns = /qrouter-[0-9a-f-]{36}/.exec(JSON.stringify(first.trace))![0];
    const lab = await api('/v1/lab/exec', { key, body: { scenario: first.scenario, computes: first.computes, seed: first.seed, host: 'controller', command: 'ip netns' } });
    expect(((await lab.json()) as { stdout: string }).stdout).toContain(ns);

    await expectProblem(await api('/v1/flows/9', { key }), 400, 'invalid-request');
  });

  it("replays a question's scenario in the lab to the same outputs the question shows", async () => {
    const { key } = await signUp();
    const q = (await (await api('/v1/questions', { key, body: { family: 'f2-device-names' } })).json()) as {
      scenario: string[]; computes: number; lab: { seed: string }; context: { host: string; command: string; output: string }[];
    };
    expect(q.context.length).toBeGreaterThan(0);
    for (const shown of q.context) {
      const r = await api('/v1/lab/exec', { key, body: { scenario: q.scenario, computes: q.computes, seed: q.lab.seed, host: shown.host, command: shown.command } });
      expect(((await r.json()) as { stdout: string }).stdout).toBe(shown.output);
    }
  });
});
