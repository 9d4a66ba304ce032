/**
 * The tutor's one stylesheet. Plain CSS, mobile first: one column on a phone,
 * wider spacing from 48rem. Every colour pair meets WCAG AA (4.5:1 for text);
 * focus is always visible; verdicts carry words and symbols, never colour alone.
 */
export const STYLES_CSS = String.raw`
:root {
  --bg: #f5f6f8; --surface: #fff; --text: #1a1d21; --muted: #4f5863; --border: #c9d1d9;
  --accent: #0b4f8a; --accent-strong: #083b68; --accent-soft: #e8f1fa;
  --ok: #11602a; --ok-soft: #e5f3e9; --bad: #a1161b; --bad-soft: #fcebec; --warn: #6f4500; --warn-soft: #fff3d6;
  --focus: #1a66d2; --radius: 8px;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text); font: 16px/1.55 var(--sans); }
[hidden] { display: none !important; }
a { color: var(--accent); text-underline-offset: 2px; }
a:hover { color: var(--accent-strong); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 3px; }
main:focus { outline: none; }
h1, h2, h3 { line-height: 1.25; margin: 1.4em 0 .5em; }
h1 { font-size: 1.6rem; margin-top: .8em; }
h2 { font-size: 1.25rem; }
h3 { font-size: 1.05rem; }
p { margin: .6em 0; }
code, pre, .mono { font-family: var(--mono); font-size: .92em; }
:not(pre) > code { background: #eef1f4; padding: .05em .3em; border-radius: 4px; overflow-wrap: anywhere; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.skip { position: absolute; left: .5rem; top: -3rem; z-index: 10; background: var(--surface); padding: .5rem .8rem; border-radius: var(--radius); }
.skip:focus { top: .5rem; }

/* Header and footer */
.top { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem 1rem; padding: .5rem 1rem; background: var(--accent); color: #fff; }
.top a, .top button { color: #fff; }
.brand { font-weight: 700; font-size: 1.1rem; text-decoration: none; margin-right: auto; padding: .4rem 0; }
.top nav { order: 3; width: 100%; overflow-x: auto; }
.top ul { display: flex; gap: .25rem; list-style: none; margin: 0; padding: 0; }
.top nav a { display: block; padding: .55rem .75rem; border-radius: 6px; text-decoration: none; white-space: nowrap; }
.top nav a:hover { background: rgba(255, 255, 255, .14); }
.top nav a[aria-current="page"] { background: #fff; color: var(--accent); font-weight: 600; }
.top :focus-visible { outline-color: #fff; }
.tools { display: flex; gap: .4rem; }
.top button.quiet { background: transparent; border: 1px solid rgba(255, 255, 255, .6); }
.top button.quiet:hover { background: rgba(255, 255, 255, .14); }
main { max-width: 62rem; margin: 0 auto; padding: .25rem 1rem 2.5rem; }
.bottom { max-width: 62rem; margin: 0 auto; padding: 1rem; color: var(--muted); font-size: .9rem; border-top: 1px solid var(--border); }
@media (min-width: 48rem) {
  .top { padding: .5rem 1.5rem; }
  .top nav { order: 0; width: auto; }
  .brand { margin-right: 1rem; }
  .tools { margin-left: auto; }
  main { padding: .5rem 1.5rem 3rem; }
}

/* Controls */
button, .button { display: inline-flex; align-items: center; justify-content: center; gap: .35rem; min-height: 44px; padding: .5rem 1rem;
  font: inherit; font-weight: 600; color: var(--accent); background: var(--surface); border: 1px solid var(--accent); border-radius: var(--radius);
  cursor: pointer; text-decoration: none; }
button:hover, .button:hover { background: var(--accent-soft); }
button.primary { color: #fff; background: var(--accent); }
button.primary:hover { background: var(--accent-strong); }
button:disabled, button:disabled:hover, button.primary:disabled { color: #5b636b; border-color: #aab3bc; background: #eef0f2; cursor: not-allowed; }
input, select, textarea { font: inherit; color: var(--text); background: var(--surface); border: 1px solid #8b96a1; border-radius: 6px; padding: .55rem .65rem; min-height: 44px; max-width: 100%; }
input.mono, textarea.mono { font-family: var(--mono); font-size: .95rem; }
textarea { width: 100%; min-height: 8rem; resize: vertical; }
input[type="checkbox"], input[type="radio"] { min-height: 0; width: 1.15rem; height: 1.15rem; margin: .2rem 0 0; accent-color: var(--accent); flex: none; }
label { font-weight: 600; }
fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
legend { font-weight: 700; padding: 0; margin-bottom: .3rem; }
.field { display: flex; flex-direction: column; gap: .25rem; margin: .6rem 0; }
.field input { width: 100%; }
.field-error { color: var(--bad); font-weight: 600; }
.hint { color: var(--muted); font-size: .93rem; }
.stack > * { margin: .5rem 0; }
.inline-form { display: flex; flex-wrap: wrap; align-items: flex-end; gap: .5rem; margin: 1rem 0; }
.inline-form label { flex-basis: 100%; }
.inline-form select { flex: 1 1 16rem; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 1rem 0; }

/* Cards and notices */
.card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 1rem 1.1rem; margin: 1rem 0; }
.card > h2:first-child { margin-top: .2rem; }
.notice { background: var(--accent-soft); border-left: 4px solid var(--accent); padding: .7rem 1rem; border-radius: 4px; }
.notice.error { background: var(--bad-soft); border-color: var(--bad); }
.lead { font-size: 1.05rem; }
.have-key { margin-top: 1rem; }
summary { cursor: pointer; font-weight: 600; min-height: 44px; display: flex; align-items: center; color: var(--accent); }
.key-line { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.key-line code { padding: .4rem .6rem; font-size: .95rem; }

/* Flow picker */
.picker { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; }
.picker details { flex: 1 1 100%; }
.picker details[open] summary { margin-bottom: .2rem; }
.flow-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .35rem .75rem; }
.check { display: flex; gap: .5rem; align-items: flex-start; font-weight: 400; padding: .35rem .4rem; border-radius: 6px; cursor: pointer; }
.check:hover { background: var(--accent-soft); }
.flow-no { display: inline-block; min-width: 1.4rem; font-weight: 700; color: var(--accent); }

/* The question */
article#question { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 1rem 1.1rem; margin: 1.2rem 0; }
.q-meta { margin: 0; color: var(--muted); font-size: .9rem; }
.q-meta .reason { font-weight: 700; color: var(--accent); text-transform: uppercase; letter-spacing: .03em; }
#q-title { margin-top: .3rem; }
#answer-form { margin-top: 1.2rem; }
.prose { white-space: pre-line; overflow-wrap: anywhere; }
.fault { background: var(--warn-soft); border-left: 4px solid var(--warn); padding: .6rem .9rem; border-radius: 4px; }
.shown { margin: .7rem 0; }
.code-block, .shown pre { background: #f0f3f6; border: 1px solid var(--border); border-radius: 6px; padding: .6rem .75rem; overflow: auto; max-height: 24rem; margin: .3rem 0; font-size: .85rem; line-height: 1.45; }
.shown .cmd { font-weight: 700; }
.options { display: grid; gap: .4rem; margin: .5rem 0; }
.option { display: flex; gap: .6rem; align-items: flex-start; font-weight: 400; padding: .55rem .7rem; border: 1px solid var(--border); border-radius: 6px; cursor: pointer; overflow-wrap: anywhere; }
.option:hover { border-color: var(--accent); }
.option:has(input:checked) { border-color: var(--accent); background: var(--accent-soft); }
.option .choice-id { font-family: var(--mono); font-weight: 700; }
.ordering { list-style: none; margin: .5rem 0; padding: 0; display: grid; gap: .35rem; counter-reset: step; }
.ordering li { display: flex; align-items: center; gap: .5rem; padding: .3rem .5rem .3rem .3rem; background: var(--surface); border: 1px solid var(--border); border-radius: 6px; counter-increment: step; overflow-wrap: anywhere; touch-action: pan-y; }
.ordering li::before { content: counter(step) "."; font-weight: 700; min-width: 1.6rem; text-align: right; color: var(--muted); }
.ordering li.dragging { border-color: var(--accent); background: var(--accent-soft); box-shadow: 0 2px 8px rgba(0, 0, 0, .18); }
.handle { min-width: 44px; padding: .3rem; border-color: var(--border); color: var(--muted); cursor: grab; touch-action: none; font-size: 1.2rem; line-height: 1; }
.handle:active { cursor: grabbing; }
.fields .field input { font-family: var(--mono); }
.hints ol { padding-left: 1.4rem; }
.result { border-radius: var(--radius); padding: .8rem 1rem; margin: 1rem 0; border: 1px solid; }
.result.ok { background: var(--ok-soft); border-color: var(--ok); }
.result.bad { background: var(--bad-soft); border-color: var(--bad); }
.result h3 { margin-top: .2rem; }
.result.ok h3 { color: var(--ok); }
.result.bad h3 { color: var(--bad); }
.items { list-style: none; padding: 0; margin: .5rem 0; display: grid; gap: .4rem; }
.items li { background: var(--surface); border: 1px solid var(--border); border-radius: 6px; padding: .45rem .65rem; overflow-wrap: anywhere; }
.verdict { font-weight: 700; }
.verdict.correct { color: var(--ok); }
.verdict.partial { color: var(--warn); }
.verdict.wrong, .verdict.missing, .verdict.extra { color: var(--bad); }
.items .detail { display: block; font-size: .92rem; }
.solution { border-left: 4px solid var(--accent); padding: .3rem 0 .3rem .9rem; }
.source { color: var(--muted); font-size: .85rem; }

/* Diagrams */
.diagram { overflow: auto; background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: .5rem; margin: .5rem 0; max-height: 80vh; }
.diagram svg { display: block; height: auto; max-width: none; }
.diagram.fit svg { max-width: 100%; }
details.topology { margin: 1rem 0; }
details.topology[open] summary { margin-bottom: .25rem; }

/* Lab */
.terminal { background: #10161d; color: #e6edf3; font: .88rem/1.45 var(--mono); border-radius: var(--radius); padding: .75rem .9rem; min-height: 14rem; max-height: 60vh; overflow: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
.terminal .prompt { color: #7ee2a8; }
.terminal .stderr { color: #ffb4ae; }
.terminal .status { color: #aab4be; }
.terminal :focus-visible { outline-color: #8cc4ff; }
.prompt-line { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-end; margin-top: .75rem; }
.prompt-line .field { margin: 0; }
.prompt-line .host { flex: 0 1 12rem; }
.prompt-line .command { flex: 1 1 18rem; }
.prompt-line .buttons { display: flex; gap: .5rem; }
.chips { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
.chip { min-height: 40px; padding: .3rem .7rem; font-weight: 500; border-color: var(--border); }

/* Flows */
.steps li { margin: .45rem 0; overflow-wrap: anywhere; }
.reality { display: grid; gap: .6rem; }
.reality div { border: 1px solid var(--border); border-radius: 6px; padding: .5rem .75rem; background: var(--surface); }
.reality dt { font-weight: 700; color: var(--muted); font-size: .9rem; }
.reality dd { margin: 0 0 .4rem; }

/* Progress */
.tiles { list-style: none; padding: 0; margin: 1rem 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .6rem; }
.tiles li { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: .8rem 1rem; display: flex; flex-direction: column; }
.tile-value { font-size: 1.8rem; font-weight: 700; color: var(--accent); line-height: 1.1; }
.tile-label { color: var(--muted); font-size: .92rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; background: var(--surface); font-size: .93rem; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--border); vertical-align: middle; }
th { font-weight: 700; background: #eef1f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody th { background: none; font-weight: 600; }
.forecast { list-style: none; margin: .5rem 0 1rem; padding: 0; display: grid; grid-template-columns: repeat(7, minmax(0, 1fr)); gap: .75rem .4rem; }
.forecast li { display: flex; flex-direction: column; align-items: center; gap: .2rem; }
.forecast .count { font-weight: 700; font-variant-numeric: tabular-nums; }
.forecast .col { display: flex; align-items: flex-end; justify-content: center; width: 100%; height: 4.5rem; background: #e9edf1; border-radius: 4px; }
.forecast .col span { display: block; width: 60%; min-height: 3px; background: var(--accent); border-radius: 3px 3px 0 0; }
.forecast .day { color: var(--muted); font-size: .8rem; line-height: 1.25; text-align: center; }
@media (min-width: 48rem) { .forecast { grid-template-columns: repeat(14, minmax(0, 1fr)); } }
.meter { display: flex; align-items: center; gap: .5rem; }
.meter .track { flex: 1; height: .6rem; background: #e3e8ed; border-radius: 3px; overflow: hidden; min-width: 4rem; }
.meter .fill { display: block; height: 100%; background: var(--ok); }
.plain { padding-left: 1.2rem; }

@media (prefers-reduced-motion: no-preference) {
  .ordering li { transition: background-color .15s, box-shadow .15s; }
}
`;
