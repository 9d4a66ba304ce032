/**
 * The client's core, shared by every page: the key and preferences in
 * localStorage, the language (switched in place, no reload), a tiny element
 * builder, the API client (problem+json errors), announcements, and the SVG
 * diagrams. Plain browser JavaScript, in one IIFE with the other parts and
 * DICT (see ../assets.ts); no template literals, so it can live in String.raw.
 */
export const CORE_JS = String.raw`
var STORE = { key: 'st.key', lang: 'st.lang', question: 'st.question', flows: 'st.flows' };
var PAGES = {};

function load(name) {
  try { return localStorage.getItem(STORE[name]); } catch (e) { return null; }
}

function save(name, value) {
  try {
    if (value === null || value === undefined) localStorage.removeItem(STORE[name]);
    else localStorage.setItem(STORE[name], value);
  } catch (e) { /* storage refused (private mode): this page still works */ }
}

function byId(id) { return document.getElementById(id); }

function lang() { return document.documentElement.lang.indexOf('zh') === 0 ? 'zh' : 'en'; }

/** A dictionary string with {name} placeholders filled. */
function t(key, values) {
  var text = (DICT[lang()] && DICT[lang()][key]) || DICT.en[key] || key;
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? String(values[name]) : whole; });
}

/** The learner's language of an API text ({ en, zh }). */
function tx(text) { return text ? text[lang()] || text.en || '' : ''; }

/** h('p', { class: 'x', on: { click: f } }, 'text', child…): attributes, listeners, children. */
function h(tag, props) {
  var el = document.createElement(tag);
  var p = props || {};
  Object.keys(p).forEach(function (name) {
    var v = p[name];
    if (v === undefined || v === null || v === false) return;
    if (name === 'on') Object.keys(v).forEach(function (type) { el.addEventListener(type, v[type]); });
    else el.setAttribute(name, v === true ? '' : String(v));
  });
  for (var i = 2; i < arguments.length; i++) add(el, arguments[i]);
  return el;
}

function add(el, child) {
  if (child === null || child === undefined || child === false) return el;
  if (Array.isArray(child)) child.forEach(function (c) { add(el, c); });
  else el.append(child instanceof Node ? child : String(child));
  return el;
}

/** Replaces el's children (nulls and nested arrays allowed, as in h). */
function fill(el) {
  el.replaceChildren();
  for (var i = 1; i < arguments.length; i++) add(el, arguments[i]);
  return el;
}

/** An element whose content is redrawn by render(el) now and on every language switch. */
function live(el, render) {
  el.__render = render;
  el.setAttribute('data-live', '');
  render(el);
  return el;
}

/** An element showing a dictionary string, kept in the current language. */
function T(tag, key, values, props) {
  return live(h(tag, props), function (el) { el.textContent = t(key, values); });
}

/** Text with backtick spans as code, the way content writes commands. */
function rich(text) {
  return String(text).split('\u0060').map(function (part, i) { return i % 2 ? h('code', null, part) : part; });
}

/** An element showing an API text ({ en, zh }) with code spans, kept in the current language. */
function X(tag, text, props) {
  return live(h(tag, props), function (el) { el.replaceChildren.apply(el, rich(tx(text))); });
}

function when(iso) {
  try {
    return new Intl.DateTimeFormat(lang() === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  } catch (e) { return iso; }
}

function percent(ratio) { return ratio === null || ratio === undefined ? '–' : Math.round(ratio * 100) + '%'; }

/** Says message through the page's polite live region. */
function announce(message) {
  var region = byId('announcer');
  region.textContent = '';
  setTimeout(function () { region.textContent = message; }, 60);
}

function ApiError(status, problem) {
  this.status = status;
  this.problem = problem || {};
  this.message = this.problem.detail || this.problem.title || ('HTTP ' + status);
}

/** Calls the JSON API with the stored key; resolves to JSON (or text for SVG), rejects with ApiError. */
async function api(path, options) {
  var o = options || {};
  var headers = Object.assign({}, o.headers);
  var key = load('key');
  if (key) headers.authorization = 'Bearer ' + key;
  var init = { method: o.method || (o.body === undefined ? 'GET' : 'POST'), headers: headers };
  if (o.body !== undefined) { headers['content-type'] = 'application/json'; init.body = JSON.stringify(o.body); }
  var response;
  try { response = await fetch(path, init); } catch (e) { throw new ApiError(0, null); }
  var type = response.headers.get('content-type') || '';
  var data = type.indexOf('json') >= 0 ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(response.status, typeof data === 'object' ? data : { detail: data });
  return data;
}

function errorText(error) {
  if (error.status === 0) return t('error.network');
  if (error.status === 401) return t('error.unauthorized');
  if (error.status === 429) return t('error.rate');
  return error.message || String(error);
}

function showError(error) {
  var box = byId('page-error');
  box.textContent = errorText(error);
  box.hidden = false;
}

function clearError() { byId('page-error').hidden = true; }

/** On pages that need a key: the key, or a pointer to the practice page. */
function requireKey() {
  var key = load('key');
  if (!key) byId('need-key').hidden = false;
  return key;
}

/** Fetches an SVG diagram into container (a scrollable, focusable group named by label). */
async function showDiagram(container, path, label) {
  container.setAttribute('role', 'group');
  container.setAttribute('tabindex', '0');
  container.setAttribute('aria-label', t('diagram.scroll', { title: label }));
  container.setAttribute('aria-busy', 'true');
  container.replaceChildren(h('p', { class: 'hint' }, t('loading')));
  try {
    var svg = new DOMParser().parseFromString(await api(path), 'image/svg+xml').documentElement;
    if (svg.localName !== 'svg') throw new ApiError(500, { detail: t('diagram.failed') });
    container.replaceChildren(document.importNode(svg, true));
  } catch (error) {
    container.replaceChildren(h('p', { class: 'field-error' }, t('diagram.failed') + ' ' + errorText(error)));
  }
  container.removeAttribute('aria-busy');
}

/** A toggle between the diagram at its own size (scrolling) and fitted to the page width. */
function fitToggle(box) {
  var button = T('button', 'diagram.fit', null, { type: 'button', class: 'chip', 'aria-pressed': 'false' });
  button.addEventListener('click', function () {
    var fit = box.classList.toggle('fit');
    button.setAttribute('aria-pressed', String(fit));
  });
  return button;
}

function setLang(next) {
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = (el.getAttribute('data-prefix') || '') + t(el.getAttribute('data-i18n')); });
  document.querySelectorAll('[data-i18n-label]').forEach(function (el) { el.setAttribute('aria-label', t(el.getAttribute('data-i18n-label'))); });
  document.querySelectorAll('[data-live]').forEach(function (el) { el.__render(el); });
  var other = byId('lang-other');
  other.lang = next === 'zh' ? 'en' : 'zh-CN';
  document.title = document.querySelector('h1').textContent + ' · StackTutor';
  document.dispatchEvent(new CustomEvent('st:lang'));
}

function switchLang() {
  var next = lang() === 'en' ? 'zh' : 'en';
  save('lang', next);
  document.cookie = 'st_lang=' + next + '; path=/; max-age=31536000; samesite=lax';
  setLang(next);
  // The learner's locale follows, so the API's own texts (and other devices) agree.
  if (load('key')) api('/v1/me', { method: 'PATCH', body: { locale: next } }).catch(function () { /* a preference: not worth an error */ });
}

function signOut() {
  if (!confirm(t('signout.confirm'))) return;
  save('key', null);
  save('question', null);
  location.assign('/');
}

function boot() {
  var stored = load('lang');
  if ((stored === 'en' || stored === 'zh') && stored !== lang()) setLang(stored);
  byId('lang-switch').addEventListener('click', switchLang);
  var out = byId('sign-out');
  out.hidden = !load('key');
  out.addEventListener('click', signOut);
  var page = PAGES[document.body.getAttribute('data-page')];
  if (page) page();
}
`;
