/**
 * `npm run --silent quiz -- families`
 * `npm run --silent quiz -- show FAMILY SEED`
 * `npm run --silent quiz -- solution FAMILY SEED`
 * `npm run --silent quiz -- grade FAMILY SEED ANSWER_FILE`   (the file holds the answer JSON)
 * The same (FAMILY, SEED) prints the same bytes.
 */
import { readFileSync } from 'node:fs';
import { UnknownFamilyError, families, grade, question, solution } from '../content/index.js';
import { endQuietlyOnClosedPipe } from './pipe.js';

endQuietlyOnClosedPipe();

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\nusage: npm run --silent quiz -- families | show FAMILY SEED | solution FAMILY SEED | grade FAMILY SEED ANSWER_FILE\n`);
  process.exit(code);
}

const [verb, family, seed, file] = process.argv.slice(2);
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

try {
  switch (verb) {
    case 'families':
      print(families());
      break;
    case 'show':
    case 'solution':
      if (!family || seed === undefined) fail(`${verb} needs FAMILY and SEED`);
      print(verb === 'show' ? question(family!, seed!) : solution(family!, seed!));
      break;
    case 'grade': {
      if (!family || seed === undefined || !file) fail('grade needs FAMILY, SEED and ANSWER_FILE');
      let answer: unknown;
      try {
        answer = JSON.parse(readFileSync(file!, 'utf8'));
      } catch (e) {
        fail(`cannot read an answer JSON from ${file}: ${(e as Error).message}`);
      }
      print(grade(family!, seed!, answer as never));
      break;
    }
    default:
      fail(verb ? `unknown command "${verb}"` : 'missing command');
  }
} catch (e) {
  if (e instanceof UnknownFamilyError) fail(e.message, 1);
  throw e;
}
