/**
 * Helpers for the flow 1 and flow 2 families (not a family; not listed in index.ts):
 * reading the message bus about one object, showing filtered command output
 * the way `cmd | grep` would print it, and a "name the fault" drill whose
 * distractors are chosen by the family rather than taken from the shared list.
 */
import type { BusEvent, Cloud, Server } from '../../../engine/core/types.js';
import type { Family } from '../../family.js';
import { type ChoiceStory, choiceFamily } from '../../kinds/choice.js';
import type { TroubleFacts } from '../../kinds/troubleshoot.js';
import type { Shown, Text, World } from '../../types.js';

/** Every bus event about any of `ids`, in the order it happened (all flows, not only one trace). */
export function eventsAbout(cloud: Cloud, ids: string[]): BusEvent[] {
  const wanted = new Set(ids);
  return cloud.events.filter((e) => e.subjects.some((s) => wanted.has(s)));
}

/** "nova-compute@compute2" -> "nova-compute". */
export const serviceOf = (actor: string): string => actor.split('@')[0]!;

/** "nova-compute@compute2" -> "compute2" (or undefined for a service without a host). */
export const hostOf = (actor: string): string | undefined => actor.split('@')[1];

/** The first event matching `name` (a RegExp on the message name), optionally from an actor prefix. */
export function firstEvent(events: BusEvent[], name: RegExp, from?: string): BusEvent | undefined {
  return events.find((e) => name.test(e.name) && (from === undefined || e.from.startsWith(from)));
}

/**
 * What `command | grep -v WORD` (or `grep WORD`) prints: the real output of `command`
 * with the lines filtered. Used to show a listing "as it was before" the last step.
 */
export function shownFiltered(world: World<unknown>, host: string, command: string, grep: { keep?: string; drop?: string }): Shown {
  const out = world.run(host, command);
  const lines = out.split('\n');
  const kept = lines.filter((l) => (grep.keep === undefined || l.includes(grep.keep)) && (grep.drop === undefined || !l.includes(grep.drop)));
  const pipe = grep.keep !== undefined ? ` | grep ${grep.keep}` : ` | grep -v ${grep.drop}`;
  return { host, command: `${command}${pipe}`, output: kept.join('\n') + (out.endsWith('\n') && kept.at(-1) !== '' ? '\n' : '') };
}

/** The server's first port ID. */
export function firstPortId(server: Server): string {
  const id = server.portIds[0];
  if (!id) throw new Error(`server ${server.name} has no port`);
  return id;
}

/**
 * A "name the fault" drill: a choice family of kind troubleshooting whose options
 * the story chooses (the injected fault and faults that would look similar), with
 * the fault's symptom attached to the question like the shared drill kind does.
 */
export function nameDrill<F extends TroubleFacts>(story: ChoiceStory<F>): Family<F> {
  const base = choiceFamily<F>(story);
  return { ...base, kind: 'troubleshooting', ask: (world, pick) => ({ ...base.ask(world, pick), fault: world.facts.fault.symptom }) };
}

/** Small hash for stable per-seed choices inside functions that only see the world. */
export function stableIndex(seed: string, salt: string, n: number): number {
  let h = 2166136261;
  for (const c of `${seed}|${salt}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0) % n;
}

/**
 * Choice texts are plain strings (Choice.text is not a Text), so sentence-like options
 * carry both languages: a Chinese learner reads the statement in Chinese too.
 */
export const bilingual = (t: Text): string => `${t.en} / ${t.zh}`;

/**
 * Fill-in feedback, improved: the shared fields kind words its Chinese message with the
 * English label; this puts the Chinese label back, and lets a family add a sentence for
 * a recognised mistake (the guest MAC instead of the TAP's, 1500 instead of 1450, …).
 */
export function refineFields<F>(family: Family<F>, refine: (world: World<F>, id: string, given: string, expected: string) => Text | undefined): Family<F> {
  return {
    ...family,
    grade(world, asked, answer) {
      const fields = asked.answerFormat.type === 'fields' ? asked.answerFormat.fields : [];
      return family.grade(world, asked, answer).map((it) => {
        if (it.verdict === 'correct' || !it.message) return it;
        const field = fields.find((f) => f.label.en === it.item);
        if (!field) return it;
        const base: Text = { en: it.message.en, zh: it.message.zh.replace(it.item, field.label.zh) };
        const extra = it.given ? refine(world, field.id, it.given.trim(), it.expected) : undefined;
        return { ...it, message: extra ? { en: `${base.en} ${extra.en}`, zh: `${base.zh}${extra.zh}` } : base };
      });
    },
  };
}

/** Loose comparison for recognising a mistake (case, spaces, a trailing /32). */
export const sameLoose = (a: string, b: string): boolean => a.trim().toLowerCase().replace(/\/32$/, '') === b.trim().toLowerCase().replace(/\/32$/, '');
