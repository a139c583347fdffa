// Generated YAML (ConstraintTemplate, Constraint, Constraint CRD, gator Suite, ValidatingAdmissionPolicy) with copy and
// download (the bundle is export.js's).

import { byTestId, download, el } from './dom.js';
import { currentTab } from './tabs.js';

const FILES = {
  template: 'template.yaml',
  constraint: 'constraint.yaml',
  crd: 'constraint-crd.yaml',
  suite: 'suite.yaml',
  vap: 'vap.yaml',
};

export class GeneratedView {
  constructor() {
    this.texts = {};
    document.querySelector('[data-action="copy-generated"]').addEventListener('click', () => this.copy());
    document.querySelector('[data-action="download-generated"]').addEventListener('click', () => {
      const tab = currentTab('generated');
      download(FILES[tab], this.texts[tab] ?? '');
    });
  }

  update(generated) {
    for (const key of Object.keys(FILES)) {
      const text = generated?.[key] ?? '';
      this.texts[key] = text;
      const pre = byTestId(`generated-${key}`);
      if (pre.textContent !== text) pre.textContent = text;
    }
  }

  async copy() {
    const text = this.texts[currentTab('generated')] ?? '';
    try {
      await navigator.clipboard.writeText(text);
      toast('Copied');
    } catch {
      toast('Copy failed: the browser refused clipboard access');
    }
  }
}

export function toast(text) {
  document.querySelector('.toast')?.remove();
  const node = el('div', { class: 'toast', role: 'status', text });
  document.body.append(node);
  setTimeout(() => node.remove(), 2500);
}
