// Writes JSON-like values as block YAML, the way Kubernetes manifests are written: keys in
// insertion order, two-space indentation, multi-line strings as literal blocks. Used by the
// constraint form and the match builder to rewrite the constraint YAML.

const RESERVED = /^(true|false|null|~|yes|no|on|off|y|n|[-+]?[0-9.][0-9_.eE+-]*|[-+]?\.(inf|nan))$/i;
const PLAIN = /^[A-Za-z_/.][-A-Za-z0-9_./:@ ]*$/;

export function toYaml(value) {
  if (isScalarLike(value)) return `${scalar(value)}\n`;
  return block(value, 0);
}

function isScalarLike(v) {
  if (Array.isArray(v)) return v.length === 0;
  if (v && typeof v === 'object') return Object.keys(v).length === 0;
  return true;
}

function scalar(v) {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return '[]';
  if (typeof v === 'object') return '{}';
  if (typeof v === 'string') {
    const plain = v.length > 0 && PLAIN.test(v) && !RESERVED.test(v) && !v.endsWith(' ')
      && !v.includes(': ') && !v.includes(' #') && !v.endsWith(':');
    return plain ? v : JSON.stringify(v);
  }
  return String(v);
}

function scalarValue(v, indent) {
  if (typeof v === 'string' && v.includes('\n') && !v.startsWith(' ')) {
    const trailing = v.endsWith('\n');
    const body = trailing ? v.slice(0, -1) : v;
    const pad = ' '.repeat(indent);
    const lines = body.split('\n').map((line) => (line ? pad + line : '')).join('\n');
    return `${trailing ? '|' : '|-'}\n${lines}\n`;
  }
  return `${scalar(v)}\n`;
}

function block(v, indent) {
  const pad = ' '.repeat(indent);
  let out = '';
  let first = true;
  if (Array.isArray(v)) {
    for (const item of v) {
      out += (first ? '' : pad) + '- ';
      first = false;
      if (isScalarLike(item)) out += scalarValue(item, indent + 2);
      else if (Array.isArray(item)) out += `\n${pad}  ${block(item, indent + 2)}`;
      else out += block(item, indent + 2);
    }
    return out;
  }
  for (const [key, item] of Object.entries(v)) {
    out += `${first ? '' : pad}${scalar(key)}:`;
    first = false;
    if (isScalarLike(item)) out += ` ${scalarValue(item, indent + 2)}`;
    else out += `\n${pad}  ${block(item, indent + 2)}`;
  }
  return out;
}

/** Several objects as one multi-document YAML text. */
export function toYamlDocuments(values) {
  return values.map(toYaml).join('---\n');
}
