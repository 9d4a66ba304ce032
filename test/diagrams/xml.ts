/**
 * A strict little XML reader for the diagram tests: it throws on unbalanced
 * or misnested tags, duplicate or unquoted attributes, a raw `<` or a bare
 * `&` in text or attribute values, and anything after the root element.
 */

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Decoded text directly inside this element, in order. */
  text: string;
  /** Decoded text of the element and its descendants, in document order. */
  all: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

function decode(raw: string, where: number): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '<') throw new Error(`raw < at ${where + i}`);
    if (c !== '&') {
      out += c;
      continue;
    }
    const m = ENTITY.exec(raw.slice(i));
    if (!m) throw new Error(`bare & at ${where + i}: ${raw.slice(i, i + 12)}`);
    const e = m[1]!;
    out += e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    i += m[0].length - 1;
  }
  return out;
}

export function parseXml(src: string): XmlNode {
  let i = 0;
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  while (i < src.length) {
    if (src[i] !== '<') {
      const end = src.indexOf('<', i);
      const raw = src.slice(i, end < 0 ? src.length : end);
      const top = stack[stack.length - 1];
      if (!top) {
        if (raw.trim()) throw new Error(`text outside the root at ${i}`);
      } else {
        const t = decode(raw, i);
        top.text += t;
        for (const open of stack) open.all += t;
      }
      i = end < 0 ? src.length : end;
      continue;
    }
    if (src.startsWith('</', i)) {
      const m = NAME.exec(src.slice(i + 2));
      if (!m || src[i + 2 + m[0].length] !== '>') throw new Error(`bad end tag at ${i}`);
      const open = stack.pop();
      if (!open || open.name !== m[0]) throw new Error(`</${m[0]}> closes <${open?.name}> at ${i}`);
      i += 3 + m[0].length;
      continue;
    }
    if (root && !stack.length) throw new Error(`second root element at ${i}`);
    const m = NAME.exec(src.slice(i + 1));
    if (!m) throw new Error(`bad tag at ${i}: ${src.slice(i, i + 20)}`);
    const node: XmlNode = { name: m[0], attrs: {}, children: [], text: '', all: '' };
    i += 1 + m[0].length;
    for (;;) {
      const ws = /^\s*/.exec(src.slice(i))![0].length;
      i += ws;
      if (src.startsWith('/>', i) || src[i] === '>') break;
      if (!ws) throw new Error(`attributes need white space before them at ${i}`);
      const a = /^([A-Za-z_][\w.:-]*)="([^"]*)"/.exec(src.slice(i));
      if (!a) throw new Error(`bad attribute at ${i}: ${src.slice(i, i + 30)}`);
      if (a[1]! in node.attrs) throw new Error(`duplicate attribute ${a[1]} at ${i}`);
      node.attrs[a[1]!] = decode(a[2]!, i);
      i += a[0].length;
    }
    stack[stack.length - 1]?.children.push(node);
    root ??= node;
    if (src.startsWith('/>', i)) i += 2;
    else {
      i += 1;
      stack.push(node);
    }
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

export function walkNodes(node: XmlNode, visit: (n: XmlNode, parents: XmlNode[]) => void, parents: XmlNode[] = []): void {
  visit(node, parents);
  for (const c of node.children) walkNodes(c, visit, [...parents, node]);
}

/** The visible strings: each `<text>` element's text including its `<tspan>`s. */
export function texts(root: XmlNode): string[] {
  const out: string[] = [];
  walkNodes(root, (n) => {
    if (n.name === 'text') out.push(n.all);
  });
  return out;
}

export function findAll(root: XmlNode, pred: (n: XmlNode) => boolean): XmlNode[] {
  const out: XmlNode[] = [];
  walkNodes(root, (n) => {
    if (pred(n)) out.push(n);
  });
  return out;
}
