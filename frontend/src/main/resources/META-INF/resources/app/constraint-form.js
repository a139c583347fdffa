// The constraint's structured editors, kept in sync with the constraint YAML: a parameters
// form generated from the template's openAPIV3Schema, the enforcementAction picker and the
// match builder (with the samples it selects). The YAML editor stays the source of truth:
// the backend parses it and sends the constraint object back with every result; a form edit
// rewrites the YAML from that object.

import { el, replace } from './dom.js';

const SCOPES = ['', '*', 'Cluster', 'Namespaced'];

export class ConstraintForm {
  constructor({ paramsRoot, matchRoot, enforcementSelect, writeConstraint }) {
    this.paramsRoot = paramsRoot;
    this.matchRoot = matchRoot;
    this.enforcement = enforcementSelect;
    this.writeConstraint = writeConstraint;
    this.constraint = null;
    this.schema = null;
    this.enforcement.addEventListener('change', () => this.edit((c) => {
      c.spec = c.spec ?? {};
      c.spec.enforcementAction = this.enforcement.value;
    }));
  }

  /** Refreshes from a result, unless the user is typing in the form. */
  update(result) {
    const info = result.constraints.find((c) => c.object) ?? null;
    this.constraint = info ? structuredClone(info.object) : null;
    this.constraintId = info?.id;
    this.schema = result.schema;
    this.samples = result.samples;
    this.enforcement.value = info?.enforcementAction ?? 'deny';
    this.enforcement.disabled = !info;
    if (!this.paramsRoot.contains(document.activeElement)) this.renderParameters();
    if (!this.matchRoot.contains(document.activeElement)) this.renderMatch();
    else this.renderScope();
  }

  edit(change) {
    if (!this.constraint) return;
    const c = structuredClone(this.constraint);
    change(c);
    this.constraint = c;
    this.writeConstraint(c);
  }

  // ---- parameters

  renderParameters() {
    if (!this.constraint) {
      replace(this.paramsRoot, el('p', { class: 'hint', text: 'Fix the constraint YAML to edit its parameters here.' }));
      return;
    }
    if (!this.schema || !this.schema.properties) {
      replace(this.paramsRoot, el('p', {
        class: 'hint',
        text: 'The template declares no parameters schema (Metadata tab); edit spec.parameters in the YAML.',
      }));
      return;
    }
    const params = this.constraint.spec?.parameters ?? {};
    replace(this.paramsRoot,
      el('p', { class: 'hint', text: 'spec.parameters, generated from the template\'s openAPIV3Schema. Edits rewrite the constraint YAML.' }),
      this.objectFields(this.schema, params, []));
  }

  setParam(path, value) {
    this.edit((c) => {
      c.spec = c.spec ?? {};
      c.spec.parameters = c.spec.parameters ?? {};
      setPath(c.spec, ['parameters', ...path], value);
    });
  }

  objectFields(schema, value, path) {
    const required = new Set(schema.required ?? []);
    return el('div', { class: path.length ? 'nested' : '' },
      Object.entries(schema.properties ?? {}).map(([key, sub]) => el('div', { class: 'field', 'data-param': [...path, key].join('.') },
        el('span', { class: 'label' }, key, required.has(key) ? el('span', { class: 'req', text: ' *' }) : null,
          sub.description ? el('span', { class: 'desc', text: sub.description }) : null),
        el('div', { class: 'control' }, this.control(sub, value?.[key], [...path, key])))));
  }

  control(schema, value, path) {
    const type = schema.type ?? (schema.properties ? 'object' : schema.items ? 'array' : undefined);
    const placeholder = schema.default !== undefined ? `default: ${JSON.stringify(schema.default)}` : '';
    if (schema.enum) {
      const select = el('select', { 'aria-label': path.join('.') },
        el('option', { value: '', text: placeholder || '(unset)' }),
        schema.enum.map((v) => el('option', { value: JSON.stringify(v), text: String(v) })));
      select.value = value === undefined ? '' : JSON.stringify(value);
      select.addEventListener('change', () => this.setParam(path, select.value === '' ? undefined : JSON.parse(select.value)));
      return select;
    }
    switch (type) {
      case 'string': {
        const input = el('input', { type: 'text', value: value ?? '', placeholder, spellcheck: 'false', 'aria-label': path.join('.') });
        // an emptied array item stays (as ""); an emptied property is removed
        input.addEventListener('input', () => this.setParam(path,
          input.value === '' && typeof path[path.length - 1] !== 'number' ? undefined : input.value));
        return input;
      }
      case 'integer':
      case 'number': {
        const input = el('input', { type: 'number', value: value ?? '', placeholder, step: type === 'integer' ? 1 : 'any', 'aria-label': path.join('.') });
        input.addEventListener('input', () => {
          const n = Number(input.value);
          this.setParam(path, input.value === '' || Number.isNaN(n) ? undefined : n);
        });
        return input;
      }
      case 'boolean': {
        const input = el('input', { type: 'checkbox', 'aria-label': path.join('.') });
        input.checked = value ?? schema.default ?? false;
        input.addEventListener('change', () => this.setParam(path, input.checked));
        return input;
      }
      case 'array': {
        const items = Array.isArray(value) ? value : [];
        const itemSchema = schema.items ?? {};
        return el('div', { class: 'control' },
          items.map((item, i) => el('div', { class: 'row' },
            this.control(itemSchema, item, [...path, i]),
            el('button', {
              class: 'btn small', text: '✕', title: 'Remove', 'aria-label': `Remove ${path.join('.')}[${i}]`,
              onclick: () => { this.setParam(path, items.filter((_, j) => j !== i)); this.renderParameters(); },
            }))),
          el('div', { class: 'row' }, el('button', {
            class: 'btn small', text: '+ add', 'aria-label': `Add to ${path.join('.')}`,
            onclick: () => { this.setParam(path, [...items, emptyValue(itemSchema)]); this.renderParameters(); },
          })));
      }
      case 'object':
        if (schema.properties) return this.objectFields(schema, value ?? {}, path);
        // fall through: free-form objects are edited as JSON
      default: {
        const area = el('textarea', { class: 'json', spellcheck: 'false', 'aria-label': path.join('.') });
        area.value = value === undefined ? '' : JSON.stringify(value, null, 2);
        area.addEventListener('input', () => {
          try {
            this.setParam(path, area.value.trim() === '' ? undefined : JSON.parse(area.value));
            area.setCustomValidity('');
          } catch {
            area.setCustomValidity('not valid JSON');
          }
        });
        return area;
      }
    }
  }

  // ---- match

  renderMatch() {
    if (!this.constraint) {
      replace(this.matchRoot, el('p', { class: 'hint', text: 'Fix the constraint YAML to edit its match here.' }));
      return;
    }
    const match = this.constraint.spec?.match ?? {};
    const setMatch = (key, value) => this.edit((c) => {
      c.spec = c.spec ?? {};
      c.spec.match = c.spec.match ?? {};
      if (value === undefined || (Array.isArray(value) && value.length === 0)) delete c.spec.match[key];
      else c.spec.match[key] = value;
      if (Object.keys(c.spec.match).length === 0) delete c.spec.match;
    });
    const kinds = Array.isArray(match.kinds) ? match.kinds : [];
    const kindRows = kinds.map((k, i) => el('div', { class: 'row' },
      listInput(k.apiGroups, 'apiGroups ("" = core)', (v) => setMatch('kinds', kinds.map((x, j) => (j === i ? { ...x, apiGroups: v ?? [] } : x)))),
      listInput(k.kinds, 'kinds', (v) => setMatch('kinds', kinds.map((x, j) => (j === i ? { ...x, kinds: v ?? [] } : x)))),
      el('button', {
        class: 'btn small', text: '✕', title: 'Remove',
        onclick: () => { setMatch('kinds', kinds.filter((_, j) => j !== i)); this.renderMatch(); },
      })));
    const scope = el('select', { 'aria-label': 'scope' }, SCOPES.map((s) => el('option', { value: s, text: s || '(any)' })));
    scope.value = match.scope ?? '';
    scope.addEventListener('change', () => setMatch('scope', scope.value || undefined));
    const name = el('input', { type: 'text', value: match.name ?? '', placeholder: 'name glob, e.g. app-*', 'aria-label': 'name' });
    name.addEventListener('input', () => setMatch('name', name.value || undefined));

    this.scopeList = el('ul', { class: 'scope-list', 'data-testid': 'match-scope' });
    replace(this.matchRoot,
      el('p', { class: 'hint', text: 'spec.match: every criterion given must hold. Edits rewrite the constraint YAML.' }),
      field('kinds', el('div', { class: 'control' }, kindRows, el('div', { class: 'row' }, el('button', {
        class: 'btn small', text: '+ add kinds',
        onclick: () => { setMatch('kinds', [...kinds, { apiGroups: [''], kinds: [] }]); this.renderMatch(); },
      })))),
      field('namespaces', listInput(match.namespaces, 'prod, team-*', (v) => setMatch('namespaces', v))),
      field('excludedNamespaces', listInput(match.excludedNamespaces, 'kube-system, gatekeeper-system', (v) => setMatch('excludedNamespaces', v))),
      field('scope', scope),
      field('name', name),
      field('labelSelector', labelsInput(match.labelSelector, (v) => setMatch('labelSelector', v))),
      field('namespaceSelector', labelsInput(match.namespaceSelector, (v) => setMatch('namespaceSelector', v))),
      el('div', { class: 'sub-title', text: 'Samples in scope of this constraint' }),
      this.scopeList);
    this.renderScope();
  }

  renderScope() {
    if (!this.scopeList) return;
    replace(this.scopeList, (this.samples ?? []).map((s) => el('li', {
      'data-in-scope': String(s.matched.includes(this.constraintId)), 'data-sample': s.name, text: s.name,
    })));
  }
}

function field(label, control) {
  return el('div', { class: 'field' }, el('span', { class: 'label', text: label }), control);
}

function listInput(values, placeholder, onChange) {
  const input = el('input', {
    type: 'text', value: (values ?? []).map((v) => (v === '' ? '""' : v)).join(', '), placeholder, spellcheck: 'false',
    'aria-label': placeholder,
  });
  input.addEventListener('input', () => {
    const list = input.value.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => (s === '""' ? '' : s));
    onChange(list.length ? list : undefined);
  });
  return input;
}

/** matchLabels as `key=value, key2=value2`; matchExpressions are kept as they are. */
function labelsInput(selector, onChange) {
  const labels = selector?.matchLabels ?? {};
  const input = el('input', {
    type: 'text', value: Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', '),
    placeholder: 'matchLabels: team=payments, env=prod', spellcheck: 'false',
  });
  input.addEventListener('input', () => {
    const matchLabels = {};
    for (const part of input.value.split(',')) {
      const [k, ...rest] = part.split('=');
      if (k.trim()) matchLabels[k.trim()] = rest.join('=').trim();
    }
    const next = { ...(selector ?? {}) };
    if (Object.keys(matchLabels).length) next.matchLabels = matchLabels;
    else delete next.matchLabels;
    onChange(Object.keys(next).length ? next : undefined);
  });
  return input;
}

function emptyValue(schema) {
  switch (schema.type) {
    case 'string': return '';
    case 'integer':
    case 'number': return 0;
    case 'boolean': return false;
    case 'array': return [];
    case 'object': return {};
    default: return '';
  }
}

function setPath(root, path, value) {
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object') {
      node[key] = typeof path[i + 1] === 'number' ? [] : {};
    }
    node = node[key];
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last, 1);
    else delete node[last];
  } else {
    node[last] = value;
  }
}
