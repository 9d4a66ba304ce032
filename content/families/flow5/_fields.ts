/**
 * Fill-in and packet families of flows 5 and 6 (not a family): the shared
 * fields kind, with feedback that names the blank in the learner's language
 * and, for well-known wrong values, says why they are wrong.
 */
import type { Family } from '../../family.js';
import { type Blank, fieldsFamily, type FieldsStory } from '../../kinds/fields.js';
import { squash } from '../../grading/normalize.js';
import type { Text, World } from '../../types.js';

export interface BilingualFieldsStory<F> extends FieldsStory<F> {
  /** Something specific to say about a wrong value of a blank (a known misconception), if any. */
  whyWrong?(world: World<F>, blank: Blank, given: string): Text | undefined;
}

export function bilingualFieldsFamily<F>(story: BilingualFieldsStory<F>): Family<F> {
  const base = fieldsFamily(story);
  return {
    ...base,
    grade(world, asked, answer) {
      const blanks = story.blanks(world);
      return base.grade(world, asked, answer).map((item, i) => {
        const b = blanks[i];
        if (!b || item.verdict === 'correct') return item;
        const see = b.source ? ` (\`${b.source.host}$ ${b.source.command}\`)` : '';
        const seeZh = b.source ? `（\`${b.source.host}$ ${b.source.command}\`）` : '';
        const given = squash(item.given);
        const extra = given ? story.whyWrong?.(world, b, given) : undefined;
        return {
          ...item,
          message: {
            en: `${b.label.en}: the cloud has ${b.expected}${see}; you wrote ${given || '(nothing)'}.${extra ? ` ${extra.en}` : ''}`,
            zh: `${b.label.zh}：这个环境里实际是 ${b.expected}${seeZh}；你写的是 ${given || '（空）'}。${extra ? extra.zh : ''}`,
          },
        };
      });
    },
  };
}
