/**
 * Answer inputs, one per answer format, each as { node, read, focus }:
 * choices as radios or checkboxes, fields and command lines in monospace,
 * free text; read() is undefined until something is filled in. Also how a
 * solution is shown for each format. (Ordering is in ./ordering.)
 */
export const FORMS_JS = String.raw`
function answerInputs(format) {
  if (format.type === 'choice') return choiceInputs(format);
  if (format.type === 'ordering') return orderingInputs(format);
  if (format.type === 'fields') return fieldInputs(format);
  return textInput(format);
}

function choiceInputs(format) {
  var type = format.multiple ? 'checkbox' : 'radio';
  var options = format.choices.map(function (c) {
    return h('label', { class: 'option' },
      h('input', { type: type, name: 'choice', value: c.id }),
      h('span', null, h('span', { class: 'choice-id' }, c.id + '.'), ' ', rich(c.text)));
  });
  var node = h('div', null, T('p', format.multiple ? 'answer.pickMany' : 'answer.pickOne', null, { class: 'hint' }), h('div', { class: 'options' }, options));
  return {
    node: node,
    read: function () {
      var ids = Array.prototype.map.call(node.querySelectorAll('input:checked'), function (i) { return i.value; });
      if (!ids.length) return undefined;
      return format.multiple ? ids : ids[0];
    },
    focus: function () { node.querySelector('input').focus(); },
  };
}

function fieldInputs(format) {
  var inputs = format.fields.map(function (f) {
    return h('input', { id: 'field-' + f.id, name: f.id, class: 'mono', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', placeholder: f.placeholder || null });
  });
  var node = h('div', { class: 'fields' }, format.fields.map(function (f, i) {
    return h('div', { class: 'field' }, X('label', f.label, { for: 'field-' + f.id }), inputs[i]);
  }));
  return {
    node: node,
    read: function () {
      var answer = {};
      var any = false;
      inputs.forEach(function (input) { answer[input.name] = input.value.trim(); any = any || input.value.trim() !== ''; });
      return any ? answer : undefined;
    },
    focus: function () { inputs[0].focus(); },
  };
}

/** "lines" (commands, rules, routes) in monospace; "free" (an explanation) in the body font. */
function textInput(format) {
  var mono = format.type === 'lines';
  var area = h('textarea', { id: 'answer-text', name: 'answer', rows: mono ? 6 : 8, class: mono ? 'mono' : null, spellcheck: mono ? 'false' : 'true',
    autocapitalize: mono ? 'off' : null, autocomplete: 'off', placeholder: format.placeholder || null });
  return {
    node: h('div', { class: 'field' }, X('label', format.label, { for: 'answer-text' }), area),
    read: function () { return area.value.trim() ? area.value.replace(/\s+$/, '') : undefined; },
    focus: function () { area.focus(); },
  };
}

/** A solution (or any answer) the way its format reads. */
function answerView(format, answer) {
  if (format.type === 'choice' || format.type === 'ordering') {
    var items = format.type === 'choice' ? format.choices : format.items;
    var ids = Array.isArray(answer) ? answer : [answer];
    return h(format.type === 'ordering' ? 'ol' : 'ul', null, ids.map(function (id) {
      var item = items.find(function (c) { return c.id === id; });
      return h('li', null, format.type === 'choice' ? h('span', { class: 'choice-id' }, id + '. ') : null, rich(item ? item.text : id));
    }));
  }
  if (format.type === 'fields') {
    return h('dl', { class: 'reality' }, format.fields.map(function (f) {
      return h('div', null, X('dt', f.label), h('dd', null, h('code', null, answer[f.id] || '')));
    }));
  }
  return format.type === 'lines' ? h('pre', { class: 'code-block', tabindex: '0' }, String(answer)) : h('p', { class: 'prose' }, String(answer));
}
`;
