/**
 * `DISCORD_APPLICATION_ID=… DISCORD_BOT_TOKEN=… npx tsx cli/discord-commands.ts`
 * registers StackTutor's slash commands with Discord (global commands; they
 * replace any registered before). Without the two variables it prints them.
 * Each command reaches /chat/discord as the chat text "/name value…"; /answer
 * as its text alone (see worker/chat/discord.ts).
 */
const STRING = 3;
const INTEGER = 4;

export const COMMANDS = [
  { name: 'start', description: 'Start practising, or link an existing learner with its API key', options: [{ type: STRING, name: 'key', description: 'Your API key (st_…)', required: false }] },
  { name: 'quiz', description: 'The next question (due reviews first)', options: [{ type: STRING, name: 'flow', description: 'A flow 1-8, or a question family', required: false }] },
  { name: 'answer', description: 'Answer the open question: b / a c / 3 1 2 4 / field=value …', options: [{ type: STRING, name: 'text', description: 'Your answer', required: true }] },
  { name: 'hint', description: 'The next hint (a hinted answer is rated Hard at best)' },
  { name: 'skip', description: 'Give up and see the solution (counts as forgotten)' },
  { name: 'due', description: 'What is due for review' },
  { name: 'stats', description: 'How you are doing, flow by flow' },
  { name: 'explain', description: 'Walk through one of the eight flows', options: [{ type: INTEGER, name: 'flow', description: 'Flow 1-8', required: true, min_value: 1, max_value: 8 }] },
  { name: 'lang', description: 'English or 中文', options: [{ type: STRING, name: 'language', description: 'en or zh', required: true, choices: [{ name: 'English', value: 'en' }, { name: '中文', value: 'zh' }] }] },
  { name: 'more', description: 'The rest of a long reply' },
  { name: 'help', description: 'Every command, and how to answer' },
];

const { DISCORD_APPLICATION_ID: app, DISCORD_BOT_TOKEN: token } = process.env;
if (!app || !token) {
  process.stdout.write(`${JSON.stringify(COMMANDS, null, 2)}\n`);
  process.stderr.write('set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN to register these commands\n');
} else {
  const response = await fetch(`https://discord.com/api/v10/applications/${app}/commands`, {
    method: 'PUT', headers: { authorization: `Bot ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(COMMANDS),
  });
  process.stdout.write(`${response.status} ${response.ok ? `registered ${COMMANDS.length} commands` : await response.text()}\n`);
  if (!response.ok) process.exitCode = 1;
}
