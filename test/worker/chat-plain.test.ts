/** POST /v1/chat: the same conversation as the bots, for a learner signed in with an API key. */
import { describe, expect, it } from 'vitest';
import { FAMILY, openQuestion, rightAnswerText, T0 } from './chat';
import { rowCounts, rows } from './db';
import { api, expectProblem, signUp } from './http';

interface ChatReply {
  text: string;
  choices?: { id: string; label: string }[];
}

async function chat(key: string, text: string): Promise<ChatReply> {
  const response = await api('/v1/chat', { key, body: { text }, now: T0 });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as ChatReply;
}

describe('POST /v1/chat', () => {
  it('runs a quiz: a question with choices, a choice sent back, feedback, the next question', async () => {
    const { key, learner } = await signUp({ locale: 'en' }, T0);
    const quiz = await chat(key, `/quiz ${FAMILY.multi}`);
    expect(quiz.text).toContain('Reply with the letters of every right choice');
    const q = await openQuestion('plain', String(learner.id));
    const ids = rightAnswerText(q).split(' ');
    for (const id of ids) {
      const choice = quiz.choices!.find((c) => c.label === id)!;
      expect((await chat(key, choice.id)).text).toContain('Selected');
    }
    const submit = quiz.choices!.find((c) => c.id.startsWith('/submit'))!;
    const graded = await chat(key, submit.id);
    expect(graded.text).toMatch(/^✅ Right/);
    expect(graded.choices).toEqual([{ id: '/quiz', label: 'Next question ▶' }]);
    expect((await chat(key, '/quiz')).text).toMatch(/^Flow 1/);
    expect((await chat(key, '/start')).text).toContain('already linked');

    const logs = await rows<{ channel: string }>('select channel from review_logs where learner_id = ?', learner.id);
    expect(logs).toEqual([{ channel: 'plain' }]);
  });

  it('needs an API key and a JSON body with text, and writes nothing otherwise', async () => {
    const { key } = await signUp({}, T0);
    const before = await rowCounts();
    await expectProblem(await api('/v1/chat', { body: { text: '/quiz' } }), 401, 'unauthorized');
    await expectProblem(await api('/v1/chat', { key, body: { text: '' } }), 400, 'invalid-request');
    await expectProblem(await api('/v1/chat', { key, body: { message: 'hi' } }), 400, 'invalid-request');
    expect(await rowCounts()).toEqual(before);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await (await api('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(doc.paths['/v1/chat']).toBeDefined();
  });
});
