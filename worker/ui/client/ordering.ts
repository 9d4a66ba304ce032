/**
 * The ordering input: a list the learner reorders by dragging a step's handle
 * (pointer events, so mouse, pen and touch alike) or from the keyboard with
 * the handle focused (arrow keys move one place, Home and End to the ends).
 * Every move is announced as "position N of M".
 */
export const ORDERING_JS = String.raw`
function orderingInputs(format) {
  var list = h('ol', { class: 'ordering', id: 'ordering' });
  format.items.forEach(function (item) { list.append(orderingItem(item)); });
  list.addEventListener('keydown', onOrderingKey);
  list.addEventListener('pointerdown', onOrderingPointer);
  var node = h('div', null,
    T('p', 'answer.order', null, { class: 'hint' }),
    T('p', 'answer.orderHelp', null, { class: 'hint', id: 'ordering-help' }),
    list);
  return {
    node: node,
    read: function () { return Array.prototype.map.call(list.children, function (li) { return li.getAttribute('data-id'); }); },
    focus: function () { list.querySelector('.handle').focus(); },
  };
}

function orderingItem(item) {
  var handle = live(h('button', { type: 'button', class: 'handle', 'aria-describedby': 'ordering-help' }, h('span', { 'aria-hidden': 'true' }, '\u2195')),
    function (el) { el.setAttribute('aria-label', t('answer.move', { text: item.text })); });
  return h('li', { 'data-id': item.id, 'data-text': item.text }, handle, h('span', null, rich(item.text)));
}

function announcePosition(li) {
  var list = li.parentNode;
  var position = Array.prototype.indexOf.call(list.children, li) + 1;
  announce(t('answer.moved', { pos: position, n: list.children.length, text: li.getAttribute('data-text') }));
}

function moveItem(li, toIndex) {
  var list = li.parentNode;
  var others = Array.prototype.filter.call(list.children, function (x) { return x !== li; });
  var index = Math.max(0, Math.min(others.length, toIndex));
  list.insertBefore(li, others[index] || null);
}

function onOrderingKey(event) {
  var handle = event.target.closest('.handle');
  if (!handle) return;
  var li = handle.closest('li');
  var list = li.parentNode;
  var index = Array.prototype.indexOf.call(list.children, li);
  var target = { ArrowUp: index - 1, ArrowDown: index + 1, Home: 0, End: list.children.length - 1 }[event.key];
  if (target === undefined) return;
  event.preventDefault();
  if (target < 0 || target >= list.children.length || target === index || handle.disabled) return;
  moveItem(li, target);
  handle.focus();
  announcePosition(li);
}

function onOrderingPointer(event) {
  var handle = event.target.closest('.handle');
  if (!handle || handle.disabled || event.button !== 0) return;
  event.preventDefault();
  var li = handle.closest('li');
  var list = li.parentNode;
  var start = Array.prototype.indexOf.call(list.children, li);
  li.classList.add('dragging');
  // Listened for on the document, not captured by the handle: moving the item in the DOM would release a capture.
  function move(e) {
    var before = Array.prototype.find.call(list.children, function (other) {
      if (other === li) return false;
      var box = other.getBoundingClientRect();
      return e.clientY < box.top + box.height / 2;
    });
    if (before !== li.nextElementSibling) list.insertBefore(li, before || null);
    if (e.clientY < 48) window.scrollBy(0, -12);
    else if (e.clientY > window.innerHeight - 48) window.scrollBy(0, 12);
  }
  function end() {
    li.classList.remove('dragging');
    document.removeEventListener('pointermove', move);
    document.removeEventListener('pointerup', end);
    document.removeEventListener('pointercancel', end);
    handle.focus();
    if (Array.prototype.indexOf.call(list.children, li) !== start) announcePosition(li);
  }
  document.addEventListener('pointermove', move);
  document.addEventListener('pointerup', end);
  document.addEventListener('pointercancel', end);
}
`;
