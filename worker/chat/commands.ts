/**
 * What a chat message asks for: a command (in English or Chinese, with or
 * without the slash) or an answer to the open question. Pure; the
 * conversation engine acts on the result.
 */
import type { Locale } from './types';

export type Command =
  | { kind: 'start'; key?: string }
  | { kind: 'quiz'; flow?: number; family?: string }
  | { kind: 'explain'; flow: number | null }
  | { kind: 'lang'; locale: Locale | null }
  | { kind: 'hint' | 'skip' | 'due' | 'stats' | 'help' | 'more' }
  /** A choice button: its question, so a stale button cannot answer a newer question. */
  | { kind: 'pick'; questionId: string; choice: string }
  | { kind: 'submit'; questionId: string }
  | { kind: 'unknown'; name: string }
  | { kind: 'answer'; text: string };

type Name = 'start' | 'quiz' | 'explain' | 'lang' | 'hint' | 'skip' | 'due' | 'stats' | 'help' | 'more';

/** Every spelling of every command; a learner on WeChat types words, not slashes. */
const NAMES: Record<string, Name> = {
  start: 'start', 开始: 'start',
  quiz: 'quiz', q: 'quiz', next: 'quiz', 出题: 'quiz', 答题: 'quiz', 练习: 'quiz', 下一题: 'quiz',
  explain: 'explain', flow: 'explain', 讲解: 'explain', 流程: 'explain',
  lang: 'lang', language: 'lang', 语言: 'lang',
  hint: 'hint', 提示: 'hint',
  skip: 'skip', solution: 'skip', 放弃: 'skip', 答案: 'skip',
  due: 'due', reviews: 'due', 复习: 'due', 待复习: 'due',
  stats: 'stats', 统计: 'stats', 进度: 'stats',
  help: 'help', 帮助: 'help', '?': 'help', '？': 'help',
  more: 'more', 更多: 'more',
};

const LOCALES: Record<string, Locale> = { en: 'en', english: 'en', 英文: 'en', 英语: 'en', zh: 'zh', cn: 'zh', chinese: 'zh', 中文: 'zh' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FAMILY = /^f[1-8]-[a-z0-9-]+$/;
const FLOW = /^[1-8]$/;

export function parseCommand(message: string): Command {
  const text = message.trim();
  if (text.startsWith('/')) return slashCommand(text.slice(1));
  // Without a slash only an exact command counts, so "due to the agent …" stays an answer.
  const language = LOCALES[text.toLowerCase()];
  if (language && !/^(en|zh|cn)$/i.test(text)) return { kind: 'lang', locale: language };
  const bare = /^([a-z]+|[\u4e00-\u9fff]+|[?？])\s*(\S*)$/i.exec(text);
  const name = bare ? NAMES[bare[1]!.toLowerCase()] : undefined;
  const parsed = name ? withArgument(name, bare![2]!, true) : null;
  return parsed ?? { kind: 'answer', text: message };
}

function slashCommand(body: string): Command {
  const [head = '', ...rest] = body.split(/\s+/);
  // Telegram groups append the bot's name: /quiz@StackTutorBot 3
  const word = head.split('@', 1)[0]!.toLowerCase();
  const argument = rest.join(' ').trim();
  if (word === 'pick' && rest.length === 2 && UUID.test(rest[0]!)) return { kind: 'pick', questionId: rest[0]!.toLowerCase(), choice: rest[1]! };
  if (word === 'submit' && UUID.test(argument)) return { kind: 'submit', questionId: argument.toLowerCase() };
  const name = NAMES[word];
  if (!name) return { kind: 'unknown', name: word };
  return withArgument(name, argument, false) ?? { kind: 'unknown', name: word };
}

/** The command with its argument, or null when the argument does not fit (a bare word then reads as an answer). */
function withArgument(name: Name, argument: string, strict: boolean): Command | null {
  switch (name) {
    case 'start':
      if (strict && argument) return null;
      return argument ? { kind: 'start', key: argument } : { kind: 'start' };
    case 'quiz':
      if (!argument) return { kind: 'quiz' };
      if (FLOW.test(argument)) return { kind: 'quiz', flow: Number(argument) };
      if (FAMILY.test(argument) || !strict) return { kind: 'quiz', family: argument };
      return null;
    case 'explain':
      if (FLOW.test(argument)) return { kind: 'explain', flow: Number(argument) };
      return strict && argument ? null : { kind: 'explain', flow: null };
    case 'lang': {
      const locale = LOCALES[argument.toLowerCase()] ?? null;
      return strict && !locale ? null : { kind: 'lang', locale };
    }
    default:
      return argument && strict ? null : { kind: name };
  }
}
