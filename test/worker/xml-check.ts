/**
 * A small XML reader for tests: checks that a document is well formed (one root, tags nested and
 * closed, attributes quoted, only the five named entities or numeric ones, no stray `<` or `&`)
 * and returns its element tree, so a test can hold the tree against a schema's element order.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = '[A-Za-z_][\\w.:-]*';
const TAG = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`);
const ATTR = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g');
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function unescape(text: string): string {
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) throw new Error(`bare & in ${JSON.stringify(text.slice(0, 60))}`);
  return text.replace(ENTITY, (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" })[e] ?? String.fromCodePoint(Number(e.slice(2, -1).replace(/^x/, '0x'))));
}

export function parseXml(xml: string): XmlElement {
  let rest = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (rest.length > 0) {
    if (rest.startsWith('<')) {
      const m = TAG.exec(rest);
      if (!m) throw new Error(`malformed tag at ${JSON.stringify(rest.slice(0, 60))}`);
      const [whole, closing, name = '', attrText = '', selfClosing] = m;
      rest = rest.slice(whole.length);
      if (closing) {
        const open = stack.pop();
        if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
        continue;
      }
      const attrs: Record<string, string> = {};
      for (const a of attrText.matchAll(ATTR)) attrs[a[1] ?? ''] = unescape(a[2] ?? a[3] ?? '');
      const el: XmlElement = { name, attrs, children: [], text: '' };
      const parent = stack.at(-1);
      if (parent) parent.children.push(el);
      else if (root) throw new Error('more than one root element');
      else root = el;
      if (!selfClosing) stack.push(el);
      continue;
    }
    const next = rest.indexOf('<');
    const text = next === -1 ? rest : rest.slice(0, next);
    rest = next === -1 ? '' : rest.slice(next);
    const parent = stack.at(-1);
    if (!parent) {
      if (text.trim()) throw new Error(`text outside the root: ${JSON.stringify(text.slice(0, 60))}`);
      continue;
    }
    parent.text += unescape(text);
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)?.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/**
 * Every element whose parent has an order in `order` must be one of the allowed children, in
 * the listed order (repeats of one child are fine). Returns the problems found.
 */
export function orderProblems(el: XmlElement, order: Record<string, readonly string[]>, path = el.name): string[] {
  const problems: string[] = [];
  const allowed = order[el.name];
  if (allowed) {
    let last = -1;
    for (const child of el.children) {
      const at = allowed.indexOf(child.name);
      if (at === -1) problems.push(`${path}: <${child.name}> is not allowed here`);
      else if (at < last) problems.push(`${path}: <${child.name}> comes after <${allowed[last]}>`);
      else last = at;
    }
  }
  el.children.forEach((c, i) => problems.push(...orderProblems(c, order, `${path}/${c.name}[${i}]`)));
  return problems;
}

export function findAll(el: XmlElement, name: string): XmlElement[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => findAll(c, name))];
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}
