/**
 * The web tutor end to end: the real worker (`wrangler dev`, local D1) in
 * Debian's Chromium. A learner signs up, answers a fill-in question right,
 * a single-choice one wrong after a hint, and an ordering one by drag and
 * keyboard; sees the topology of the question's own cloud; runs a lab
 * command; studies flows 1 and 8; reads their progress; switches to Chinese.
 * Every page passes axe-core without serious or critical violations, on a
 * desktop and a phone, and the first load stays under 100 KB over the wire.
 * Screenshots go to test-results/screenshots/ (SCREENSHOTS=docs/screenshots refreshes the README's).
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solution, type Answer } from '../../content/index';
import { flowWalkthrough } from '../../content/walkthroughs';
import { buildCloud, execOnHost } from '../../engine/index';
import { CHROMIUM, axeViolations, firstLoad, hasChromium, launchBrowser, serious, startWorker, type RunningWorker } from './harness';

// Every run takes new screenshots (random seeds and keys); the committed ones change only on request.
const SHOTS = new URL(`../../${process.env['SCREENSHOTS'] ?? 'test-results/screenshots'}/`, import.meta.url);
const FIRST_LOAD_LIMIT = 100 * 1024;

interface Format { type: string; multiple?: boolean; choices?: { id: string }[]; items?: { id: string }[]; fields?: { id: string }[] }
interface QuestionBody { id: string; family: string; seed: string; scenario: string[]; computes: number; lab: { seed: string }; answerFormat: Format }

if (!hasChromium) console.warn(`e2e: skipped, ${CHROMIUM} is missing (.ci/run installs Debian's chromium package)`);

describe.skipIf(!hasChromium)(`the web tutor in Chromium (skipped when ${CHROMIUM} is missing)`, () => {
  let worker: RunningWorker;
  let browser: Browser;
  let desktop: BrowserContext;
  let page: Page;
  let key = '';
  const problems: string[] = [];

  const shoot = (name: string, p: Page = page, fullPage = false) => p.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage });
  const watch = (p: Page) => {
    p.on('pageerror', (e) => problems.push(`${p.url()}: ${e.message}`));
    p.on('console', (m) => { if (/Content[- ]Security[- ]Policy/i.test(m.text())) problems.push(`${p.url()}: ${m.text()}`); });
  };
  const expectAccessible = async (p: Page, where: string) => {
    const found = await axeViolations(p);
    expect(serious(found), `${where}: ${JSON.stringify(found, null, 1)}`).toEqual([]);
  };
  const apiGet = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${worker.base}${path}`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as T;
  };
  const current = () => page.evaluate<string>("localStorage.getItem('st.question')").then((id) => apiGet<QuestionBody>(`/v1/questions/${id}`));

  /** Fills the answer form the way a learner would: choices clicked, fields typed, steps moved by drag and keyboard. */
  async function fillAnswer(format: Format, answer: Answer) {
    if (format.type === 'choice') {
      for (const id of Array.isArray(answer) ? answer : [answer as string]) await page.check(`#answer-fields input[value="${id}"]`);
    } else if (format.type === 'fields') {
      for (const [id, value] of Object.entries(answer as Record<string, string>)) await page.fill(`#field-${id}`, value);
    } else if (format.type === 'ordering') {
      await orderByDragAndKeys(answer as string[]);
    } else {
      await page.fill('#answer-text', answer as string);
    }
  }

  async function orderByDragAndKeys(order: string[]) {
    const ids = () => page.locator('#ordering > li').evaluateAll((lis) => lis.map((li) => (li as unknown as { dataset: { id: string } }).dataset.id));
    // The first step by pointer drag, onto the top of the list (all of it on screen).
    await page.evaluate("document.getElementById('ordering').scrollIntoView({ block: 'center' })");
    const handle = page.locator(`#ordering > li[data-id="${order[0]}"] .handle`);
    const from = (await handle.boundingBox())!;
    const top = (await page.locator('#ordering > li').first().boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, top.y + 2, { steps: 12 });
    await page.mouse.up();
    expect((await ids())[0]).toBe(order[0]);
    // The rest from the keyboard: focus a step's handle and press the up arrow until it is in place.
    for (let i = 1; i < order.length; i++) {
      const at = (await ids()).indexOf(order[i]!);
      await page.focus(`#ordering > li[data-id="${order[i]}"] .handle`);
      for (let k = at; k > i; k--) await page.keyboard.press('ArrowUp');
    }
    expect(await ids()).toEqual(order);
    await expect.poll(() => page.textContent('#announcer')).toMatch(/^Position \d+ of \d+: /);
  }

  /** A well-formed answer that is wrong: another choice, the order reversed, nonsense in each field. */
  function wrongAnswer(format: Format, right: Answer): Answer {
    if (format.type === 'choice') {
      const ids = format.choices!.map((c) => c.id);
      return Array.isArray(right) ? ids.filter((id) => !right.includes(id)).slice(0, 1) : ids.find((id) => id !== right)!;
    }
    if (format.type === 'ordering') return [...(right as string[])].reverse();
    if (format.type === 'fields') return Object.fromEntries(format.fields!.map((f) => [f.id, 'nonsense']));
    return 'no idea';
  }

  async function next(flow: number) {
    if (await page.locator('#flow-picker:not([open])').count()) await page.click('#flow-picker summary');
    for (const box of await page.locator('#next-form input[name=flow]').all()) await box.setChecked((await box.getAttribute('value')) === String(flow));
    expect(await page.textContent('#picked-flows')).toBe(`Flows to practise: ${flow}`);
    const before = await page.evaluate<string | null>("localStorage.getItem('st.question')");
    await page.click('#next-button');
    await expect.poll(() => page.evaluate("localStorage.getItem('st.question')"), { timeout: 20_000 }).not.toBe(before);
    await page.waitForSelector('#q-title');
    const q = await current();
    expect(q.family).toMatch(new RegExp(`^f${flow}-`));
    return q;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    worker = await startWorker();
    browser = await launchBrowser();
    desktop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  it('loads the first page in under 100 KB over the wire', async () => {
    const { bytes, requests } = await firstLoad(desktop, `${worker.base}/`);
    console.log(`first load of /: ${bytes} bytes over the wire in ${requests.length} requests`, requests);
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(expect.arrayContaining(['/', expect.stringMatching(/^\/ui\/app\.\w+\.js$/), expect.stringMatching(/^\/ui\/app\.\w+\.css$/)]));
    expect(bytes).toBeLessThan(FIRST_LOAD_LIMIT);
  });

  it('signs up from the keyboard and keeps the key in the browser', async () => {
    page = await desktop.newPage();
    watch(page);
    await page.goto(`${worker.base}/`);
    await page.waitForSelector('#signup:not([hidden])');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.className')).toBe('skip');
    await expectAccessible(page, 'sign-up');
    await shoot('signup-desktop');
    await page.fill('#signup-name', 'Mei');
    await page.press('#signup-name', 'Enter');
    await page.waitForSelector('#new-key:not([hidden])');
    key = (await page.evaluate<string>("localStorage.getItem('st.key')"))!;
    expect(key).toMatch(/^st_/);
    expect(await page.textContent('#new-key-value')).toBe(key);
    expect(await page.evaluate('document.activeElement.id')).toBe('new-key-title');
    await page.click('#key-saved');
    expect(await page.evaluate('document.activeElement.id')).toBe('next-button');
  });

  it("answers a question right and sees its own cloud's devices in the topology", async () => {
    const q = await next(2);
    expect(q.family).toBe('f2-device-names');
    await fillAnswer(q.answerFormat, solution(q.family, q.seed));
    await page.click('#answer-button');
    await page.waitForSelector('.result.ok');
    expect(await page.textContent('#result-title')).toContain('Correct');
    expect(await page.evaluate('document.activeElement.id')).toBe('result-title');
    await expect.poll(() => page.textContent('#announcer')).toMatch(/^Rated (Good|Easy)\./);

    // The bridges of this very cloud, read from engine state, are in the picture.
    const cloud = buildCloud(q.scenario, { computes: q.computes, seed: q.lab.seed }).cloud;
    const bridges = execOnHost(cloud, 'controller', 'brctl show').stdout.match(/brq[0-9a-f]{8}-[0-9a-f]{2}/g)!;
    expect(bridges.length).toBeGreaterThan(0);
    await page.waitForSelector('#topology[open] #topology-diagram svg');
    const svg = (await page.textContent('#topology-diagram svg'))!;
    for (const bridge of bridges) expect(svg).toContain(bridge);
    await expectAccessible(page, 'practice, answered right');
    await shoot('practice-desktop', page, true);
  });

  it('answers one wrong after a hint and sees what was wrong, item by item', async () => {
    expect(await page.textContent('.result .actions button')).toBe('Next question');
    const q = await next(1);
    await page.click('#hint-button');
    await page.waitForSelector('#hint-list li');
    expect(await page.textContent('#hint-button')).toMatch(/Hint \(\d left\)|No hints left/);
    await fillAnswer(q.answerFormat, wrongAnswer(q.answerFormat, solution(q.family, q.seed)));
    await page.click('#answer-button');
    await page.waitForSelector('.result.bad');
    expect(await page.textContent('#result-title')).toMatch(/Not quite: \d+%/);
    expect(await page.locator('.items .verdict.wrong, .items .verdict.missing, .items .verdict.extra').count()).toBeGreaterThan(0);
    expect(await page.textContent('.result')).toContain('Again');
    await page.click('#solution-button');
    await page.waitForSelector('.solution li');
    expect(await page.evaluate('document.activeElement.id')).toBe('solution-title');
    await expectAccessible(page, 'practice, answered wrong, with the solution');
  });

  it('orders the steps of a boot by drag and by keyboard', async () => {
    const created = await fetch(`${worker.base}/v1/questions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ family: 'f1-boot-order' }) });
    const q = (await created.json()) as QuestionBody;
    await page.evaluate(`localStorage.setItem('st.question', ${JSON.stringify(q.id)})`);
    await page.reload();
    await page.waitForSelector('#ordering');
    await fillAnswer(q.answerFormat, solution(q.family, q.seed));
    await page.focus('#answer-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.result.ok');
  });

  it("runs a command in the lab on the question's cloud", async () => {
    await page.click('a[href^="/lab?q="]');
    await page.waitForSelector('#terminal-card:not([hidden])');
    const q = await current();
    await page.selectOption('#lab-host', 'controller');
    await page.fill('#lab-command', 'ip netns');
    await page.press('#lab-command', 'Enter');
    const expected = execOnHost(buildCloud(q.scenario, { computes: q.computes, seed: q.lab.seed }).cloud, 'controller', 'ip netns').stdout.trim().split('\n')[0]!;
    await expect.poll(() => page.textContent('#terminal')).toContain(expected);
    expect(await page.textContent('#terminal .prompt')).toBe('controller$ ip netns');
    await expectAccessible(page, 'lab');
    await page.evaluate('window.scrollTo(0, 0)');
    await shoot('lab-desktop');
  });

  it("shows flow 1's sequence and flow 8's packet walk", async () => {
    await page.goto(`${worker.base}/flows`);
    await page.waitForSelector('#seq-diagram svg');
    expect(await page.textContent('#seq-diagram svg')).toContain('nova-api');
    expect(await page.isHidden('#walk-section')).toBe(true);
    await expectAccessible(page, 'flows');
    await shoot('flows-desktop');
    await page.selectOption('#flow-select', '8');
    await page.click('#flow-form button');
    await page.waitForSelector('#walk-section:not([hidden]) #walk-diagram svg');
    const seed = new URL(page.url()).searchParams.get('seed')!;
    const floating = /--floating-ip-address (\S+)/.exec(flowWalkthrough(8, seed).scenario.join('\n'))![1]!;
    expect(await page.textContent('#walk-diagram svg')).toContain(floating);
    await expectAccessible(page, 'flows, a packet walk');

    // The walkthrough's own cloud in the lab: its router namespace holds the floating IP's DNAT rule.
    await page.click('#flow-lab');
    await page.waitForSelector('#terminal-card:not([hidden])');
    expect(await page.textContent('#lab-source')).toContain('Flow 8 walkthrough');
    await page.fill('#lab-command', 'ip netns');
    await page.press('#lab-command', 'Enter');
    await expect.poll(() => page.textContent('#terminal')).toMatch(/qrouter-[0-9a-f-]{36}/);
    const router = /qrouter-[0-9a-f-]{36}/.exec((await page.textContent('#terminal'))!)![0];
    await page.fill('#lab-command', `ip netns exec ${router} iptables -t nat -S`);
    await page.press('#lab-command', 'Enter');
    await expect.poll(() => page.textContent('#terminal')).toContain(`-d ${floating}/32 -j DNAT`);
  });

  it('shows progress, then switches the whole page to Chinese', async () => {
    await page.goto(`${worker.base}/progress`);
    await page.waitForSelector('#progress:not([hidden])');
    expect(await page.textContent('#p-streak')).toBe('1');
    expect(await page.textContent('#p-today')).toBe('3');
    expect(await page.locator('#p-mastery tbody tr').count()).toBe(8);
    expect(await page.locator('#p-forecast li').count()).toBe(14);
    await page.click('#p-link-code');
    await page.waitForSelector('#p-link-value');
    expect(await page.textContent('#p-link-value')).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(await page.textContent('#p-link-result')).toMatch(/^Send \/start \S+ to the bot in a private chat before /);
    await expectAccessible(page, 'progress');
    await shoot('progress-desktop');

    await page.click('#lang-switch');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.textContent('h1')).toBe('进度');
    expect(await page.textContent('#lang-other')).toBe('English');
    expect(await page.textContent('#p-mastery th')).toBe('流程');
    await expectAccessible(page, 'progress in Chinese');
    await page.goto(`${worker.base}/`);
    await page.waitForSelector('#q-title');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await shoot('practice-zh-desktop');
    await page.click('#lang-switch');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
  });

  it('fits a phone: every page accessible, nothing wider than the screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const questionId = await page.evaluate<string>("localStorage.getItem('st.question')");
    await phone.addInitScript(`localStorage.setItem('st.key', ${JSON.stringify(key)}); localStorage.setItem('st.question', ${JSON.stringify(questionId)});`);
    const small = await phone.newPage();
    watch(small);
    for (const [path, ready, name] of [['/', '#q-title', 'practice'], ['/lab', '#terminal-card:not([hidden])', 'lab'], ['/flows', '#seq-diagram svg', 'flows'], ['/progress', '#progress:not([hidden])', 'progress']] as const) {
      await small.goto(`${worker.base}${path}`);
      await small.waitForSelector(ready);
      expect(await small.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), `${path} scrolls sideways`).toBe(true);
      await expectAccessible(small, `${name} on a phone`);
      await shoot(`${name}-phone`, small);
    }
    await phone.close();

    // A returning learner's first load: the shell plus the API calls that restore the question.
    const fresh = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await fresh.addInitScript(`localStorage.setItem('st.key', ${JSON.stringify(key)}); localStorage.setItem('st.question', ${JSON.stringify(questionId)});`);
    const { bytes, requests } = await firstLoad(fresh, `${worker.base}/`);
    console.log(`first load of / on a phone, signed in with a question open: ${bytes} bytes over the wire in ${requests.length} requests`);
    expect(bytes).toBeLessThan(FIRST_LOAD_LIMIT);
    await fresh.close();
  });

  it('signs out only after the learner confirms', async () => {
    await page.goto(`${worker.base}/progress`);
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.click('#sign-out');
    expect(await page.evaluate("localStorage.getItem('st.key')")).toBe(key);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('#sign-out');
    await page.waitForSelector('#signup:not([hidden])');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.evaluate("localStorage.getItem('st.key')")).toBeNull();
  });

  it('never broke the CSP or threw in the page', () => {
    expect(problems).toEqual([]);
  });
});
