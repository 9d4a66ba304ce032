/** The tutor's fixed chat texts, written in both languages. */
import type { Locale } from './types';

type Text = { en: string; zh: string };
const t = (en: string, zh: string): Text => ({ en, zh });

export const HELP = t(
  `StackTutor: OpenStack networking interview practice (Neutron, Linux bridge, VXLAN).
/quiz [1-8] — a question (due reviews first); a flow number keeps to that flow
/hint — the next hint (a hinted answer counts as Hard at best)
/skip — give up and see the solution (counts as forgotten)
/due — what is due for review
/stats — how you are doing, flow by flow
/explain N — walk through flow N (1-8)
/lang en|zh — English or 中文
/start <link code> — link this chat to your learner (get a code on the web page: Progress → Link a chat)

To answer, just reply:
• one choice: its letter, e.g. b
• several choices: the letters, e.g. a c (or press the buttons, then Submit)
• ordering: the step numbers first to last, e.g. 3 1 2 4
• fields: one field=value per line, or only the values, one per line, in the order listed
• commands, rules, explanations: the text itself
Words work without the slash too: quiz 3, hint, due, 出题, 提示.`,
  `StackTutor：OpenStack 网络面试练习（Neutron、Linux bridge、VXLAN）。
/quiz [1-8] 出题（先复习到期的）；带流程编号只出该流程的题
/hint 下一个提示（用过提示，最好也只算“困难”）
/skip 放弃并看答案（记为没记住）
/due 待复习
/stats 各流程的掌握情况
/explain N 讲解第 N 个流程（1-8）
/lang en|zh 切换 English 或中文
/start <绑定码> 把这个聊天绑定到你的学习者（在网页“进度 → 绑定聊天”获取绑定码）

直接回复就是作答：
• 单选：回复字母，如 b
• 多选：回复几个字母，如 a c（或点按钮后再点“提交”）
• 排序：按先后回复步骤编号，如 3 1 2 4
• 填空：每行一个“字段=值”，或按列出的顺序每行只写值
• 命令、规则、简答：直接写内容
不带斜杠也可以：出题 3、提示、复习、统计、讲解 3、更多；quiz 3、hint 同样有效。`,
);

export const NOT_LINKED = t(
  'This chat is not linked to a learner yet. Send /start to begin (or /start <link code> to use an existing learner).',
  '这个聊天还没有绑定学习者。发送“开始”或 /start 开始练习（已有账号请发 /start <绑定码>）。',
);

export const welcome = (apiKey: string): Text => t(
  `Welcome to StackTutor! Your learner is ready.\nYour API key (for the HTTP API, the MCP server and other chats): ${apiKey}\nKeep it secret; it is shown only once.\n\nSend /quiz for your first question, or /help for everything else.`,
  `欢迎使用 StackTutor！已为你创建学习者。\n你的 API key（用于 HTTP API、MCP 和绑定其他聊天）：${apiKey}\n请妥善保管，只显示这一次。\n\n发送“出题”或 /quiz 开始第一题，发送“帮助”查看全部命令。`,
);

export const linked = (name: string | null): Text => t(
  `Linked: this chat now practises as ${name ?? 'your learner'}. Send /quiz to continue.`,
  `已绑定：这个聊天现在以 ${name ?? '你的学习者'} 的身份练习。发送“出题”继续。`,
);

export const ALREADY_LINKED = t(
  'This chat is already linked. Send /quiz for a question, or /start <link code> to switch learners.',
  '这个聊天已经绑定。发送“出题”做题，或发送 /start <绑定码> 切换学习者。',
);

export const START_IN_PRIVATE = t(
  'Send /start to me in a private chat: linking shows an API key, and this chat is shared.',
  '请在私聊里给我发 /start：绑定会显示 API key，而这是群聊。',
);

export const BAD_KEY = t('That API key is not valid (unknown or revoked).', '这个 API key 无效（不存在或已吊销）。');
export const BAD_CODE = t(
  'That link code is not valid: it is unknown, already used, or older than 10 minutes. Ask for a new one on the web page (Progress → Link a chat).',
  '这个绑定码无效：不存在、已用过，或已超过 10 分钟。请在网页上重新获取（进度 → 绑定聊天）。',
);
export const NO_OPEN_QUESTION = t('There is no open question. Send /quiz for one, or /help.', '现在没有待答的题目。发送“出题”来一题，或发送“帮助”。');
export const STALE_BUTTON = t('That question is closed. Send /quiz for a new one.', '那道题已经结束了。发送“出题”换一道新题。');
export const ALREADY_GRADED = t('This question was already graded. Send /quiz for the next one.', '这道题已经判过分了。发送“出题”做下一题。');
export const PICK_ONE_FIRST = t('Pick at least one choice first.', '请先选至少一个选项。');
export const NO_MORE_HINTS = t('Every hint of this question has been shown.', '这道题的提示已经全部给出。');
export const NOTHING_MORE = t('Nothing more to show.', '没有更多内容了。');
export const EXPLAIN_WHICH = t('Which flow? Send /explain N with N from 1 to 8.', '讲解哪个流程？请发送“讲解 N”，N 为 1 到 8。');
export const LANG_WHICH = t('Send /lang en or /lang zh.', '请发送 /lang zh 或 /lang en。');
export const LANG_SET = t('From now on I will write in English.', '好的，以后用中文和你交流。');
export const STILL_WORKING = t("Still working on it; send 'more' in a moment for the reply.", '正在处理，请稍后发送“更多”查看回复。');

export const unknownCommand = (name: string): Text => t(`Unknown command /${name}.`, `没有 /${name} 这个命令。`);
export const picked = (ids: readonly string[]): Text => t(
  `Selected: ${ids.join(', ') || 'nothing'}. Press Submit when done.`,
  `已选：${ids.join('、') || '无'}。选好后点“提交”。`,
);
export const moreFooter = (left: number): Text => t(`\n… (${left} more part${left === 1 ? '' : 's'}: reply "more")`, `\n……（还有 ${left} 段，回复“更多”继续）`);

export const BUTTON = {
  next: t('Next question ▶', '下一题 ▶'),
  hint: t('💡 Hint', '💡 提示'),
  submit: t('✅ Submit', '✅ 提交'),
  quiz: t('Start reviewing ▶', '开始复习 ▶'),
};

/** "in 10 min", "in 5 h", "in 3 days": how far off a review is. */
export function untilText(ms: number, locale: Locale): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return locale === 'zh' ? `${minutes} 分钟后` : `in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return locale === 'zh' ? `${hours} 小时后` : `in ${hours} h`;
  const days = Math.round(hours / 24);
  return locale === 'zh' ? `${days} 天后` : `in ${days} days`;
}

export const nothingToAsk = (nextDueIn: string | null): Text => t(
  `Nothing to ask right now: nothing is due and today's new questions are done.${nextDueIn ? ` Next review ${nextDueIn}.` : ''} /explain N to study a flow meanwhile.`,
  `现在没有可出的题：没有到期的复习，今天的新题也做完了。${nextDueIn ? `下次复习：${nextDueIn}。` : ''}可以先发“讲解 N”学习一个流程。`,
);

export const reminder = (due: number): Text => t(
  `🔔 ${due} review${due === 1 ? ' is' : 's are'} due today. Send /quiz to start.`,
  `🔔 今天有 ${due} 道题到期待复习。发送“出题”开始。`,
);
