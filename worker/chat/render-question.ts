/**
 * Questions and their outcomes as chat text in the learner's language, with
 * buttons where a press can answer. Nothing here shows an answer before the
 * question is closed: the solution appears only in `renderSolution`.
 */
import type { Answer, AnswerFormat, Kind } from '../../content/types';
import type { HintView, QuestionView, SolutionView } from '../tutor/questions';
import { BUTTON, untilText } from './messages';
import { say, type Locale, type Reply, type ReplyChoice } from './types';

const KIND: Record<Kind, { en: string; zh: string }> = {
  'single-choice': { en: 'single choice', zh: '单选' },
  'multiple-choice': { en: 'multiple choice', zh: '多选' },
  ordering: { en: 'ordering', zh: '排序' },
  'fill-in': { en: 'fill in', zh: '填空' },
  'command-output': { en: 'command output', zh: '命令输出' },
  packet: { en: 'packet path', zh: '报文路径' },
  troubleshooting: { en: 'troubleshooting', zh: '排障' },
  explain: { en: 'explain', zh: '简答' },
};
const REASON = { new: { en: 'new', zh: '新题' }, due: { en: 'review', zh: '复习' }, practice: { en: 'practice', zh: '练习' } } as const;

/** How to reply to this answer format, in one or two lines. */
function howToAnswer(format: AnswerFormat, locale: Locale): string {
  const zh = locale === 'zh';
  switch (format.type) {
    case 'choice':
      return format.multiple
        ? (zh ? '回复所有正确选项的字母，如 a c（或点按钮后点“提交”）。' : 'Reply with the letters of every right choice, e.g. a c (or press the buttons, then Submit).')
        : (zh ? '回复一个字母，如 b（或点按钮）。' : 'Reply with one letter, e.g. b (or press a button).');
    case 'ordering':
      return zh ? `按先后顺序回复步骤编号，如 ${format.items.map((_, i) => i + 1).reverse().join(' ')}。` : `Reply with the step numbers first to last, e.g. ${format.items.map((_, i) => i + 1).reverse().join(' ')}.`;
    case 'fields': {
      const list = format.fields.map((f) => `  ${f.id} — ${say(f.label, locale)}${f.placeholder ? ` (${f.placeholder})` : ''}`).join('\n');
      const how = format.fields.length === 1
        ? (zh ? '直接回复这个值。' : 'Reply with the value.')
        : (zh ? '每行一个“字段=值”，或按上面的顺序每行只写值。' : 'Reply with one field=value per line, or only the values, one per line, in this order.');
      return `${list}\n${how}`;
    }
    case 'lines':
      return `${say(format.label, locale)}${format.placeholder ? ` (${format.placeholder})` : ''}\n${zh ? '直接回复内容，可多行。' : 'Reply with the text (several lines are fine).'}`;
    case 'free':
      return `${say(format.label, locale)}\n${zh ? '用中文或英文直接回复。' : 'Reply in English or Chinese.'}`;
  }
}

/** Buttons a press can answer with: each choice (a toggle when several may be right), and a hint. */
function buttonsOf(q: QuestionView, locale: Locale): ReplyChoice[] {
  const f = q.answerFormat;
  const buttons: ReplyChoice[] = f.type === 'choice' ? f.choices.map((c) => ({ id: `/pick ${q.id} ${c.id}`, label: c.id })) : [];
  if (f.type === 'choice' && f.multiple) buttons.push({ id: `/submit ${q.id}`, label: say(BUTTON.submit, locale) });
  if (q.hintsAvailable > q.hints.length) buttons.push({ id: '/hint', label: say(BUTTON.hint, locale) });
  return buttons;
}

export function renderQuestion(q: QuestionView, locale: Locale): Reply {
  const zh = locale === 'zh';
  const parts = [
    `${zh ? `流程 ${q.flow}` : `Flow ${q.flow}`} · ${say(KIND[q.kind], locale)} · ${say(REASON[q.reason], locale)}`,
    say(q.title, locale),
    say(q.prompt, locale),
  ];
  if (q.fault) parts.push(`${zh ? '故障：' : 'Fault: '}${say(q.fault, locale)}`);
  for (const shown of q.context) parts.push(`${shown.host}$ ${shown.command}\n${shown.output.trimEnd()}`);
  const f = q.answerFormat;
  if (f.type === 'choice') parts.push(f.choices.map((c) => `${c.id}) ${c.text}`).join('\n'));
  if (f.type === 'ordering') parts.push(f.items.map((c, i) => `${i + 1}. ${c.text}`).join('\n'));
  parts.push(howToAnswer(f, locale));
  const hintsLeft = q.hintsAvailable - q.hints.length;
  parts.push(zh ? `/hint 提示（还有 ${hintsLeft} 个） · /skip 看答案` : `/hint for a hint (${hintsLeft} left) · /skip to see the solution`);
  return { text: parts.join('\n\n'), choices: buttonsOf(q, locale) };
}

/** The grading of an answer (the body answerQuestion returns). */
export function renderGraded(body: Record<string, unknown>, locale: Locale, now: number): string {
  const zh = locale === 'zh';
  const score = Math.round(Number(body.score) * 100);
  const rating = String(body.rating);
  const ratingText = zh ? ({ again: '重来', hard: '困难', good: '良好', easy: '简单' } as Record<string, string>)[rating] ?? rating : rating;
  const due = untilText(Date.parse(String(body.nextReviewAt)) - now, locale);
  const head = body.correct
    ? (zh ? `✅ 答对了（${score}%）· 评为“${ratingText}” · 下次复习：${due}` : `✅ Right (${score}%) · rated ${ratingText} · next review ${due}`)
    : (zh ? `❌ 还不对（${score}%）· 评为“${ratingText}” · 下次复习：${due}` : `❌ Not quite (${score}%) · rated ${ratingText} · next review ${due}`);
  const feedback = say(body.feedback as { en: string; zh: string }, locale);
  const explanation = say(body.explanation as { en: string; zh: string }, locale);
  return [head, feedback, `${zh ? '解析：' : 'Why: '}${explanation}`].join('\n\n');
}

export function renderHint(hint: HintView, locale: Locale): Reply {
  const head = locale === 'zh' ? `💡 提示 ${hint.index}（还剩 ${hint.remaining} 个）` : `💡 Hint ${hint.index} (${hint.remaining} left)`;
  return { text: `${head}\n${say(hint.hint, locale)}` };
}

/** The solution, once the question is closed: shown the way the learner would have typed it. */
export function answerText(format: AnswerFormat, answer: Answer): string {
  if (typeof answer === 'string') {
    const choice = format.type === 'choice' ? format.choices.find((c) => c.id === answer) : undefined;
    return choice ? `${choice.id}) ${choice.text}` : answer;
  }
  if (Array.isArray(answer)) {
    const items = format.type === 'choice' ? format.choices : format.type === 'ordering' ? format.items : [];
    return answer.map((id) => {
      const item = items.find((c) => c.id === id);
      return format.type === 'ordering' ? `${items.indexOf(item!) + 1}. ${item?.text ?? id}` : `${id}) ${item?.text ?? ''}`;
    }).join('\n');
  }
  return Object.entries(answer).map(([k, v]) => `${k}=${v}`).join('\n');
}

export function renderSolution(solution: SolutionView, format: AnswerFormat, locale: Locale, now: number): string {
  const zh = locale === 'zh';
  const counted = solution.nextReviewAt
    ? (zh ? `记为没记住，${untilText(Date.parse(solution.nextReviewAt) - now, locale)}再考。` : `Counted as forgotten; it comes back ${untilText(Date.parse(solution.nextReviewAt) - now, locale)}.`)
    : '';
  return [zh ? '答案：' : 'The answer:', answerText(format, solution.answer), `${zh ? '解析：' : 'Why: '}${say(solution.explanation, locale)}`, counted].filter(Boolean).join('\n\n');
}
