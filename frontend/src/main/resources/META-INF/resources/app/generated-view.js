// Generated YAML (ConstraintTemplate, Constraint, Constraint CRD, gator Suite, ValidatingAdmissionPolicy) with copy and
// download, and the bundle download (a zip of gator files from the backend).

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
  constructor(getWorkspace) {
    this.getWorkspace = getWorkspace;
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

  /** Downloads the zip the backend builds from the workspace. */
  async downloadBundle() {
    const workspace = this.getWorkspace();
    const response = await fetch('/api/bundle', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(workspace),
    });
    if (!response.ok) {
      toast(`Bundle failed: HTTP ${response.status}`);
      return;
    }
    const name = (workspace.template.name || 'policy').replace(/[^a-z0-9.-]/g, '-');
    download(`${name}-bundle.zip`, await response.blob());
    toast('Bundle downloaded: unzip and run verify suite.yaml');
  }
}

export function toast(text) {
  document.querySelector('.toast')?.remove();
  const node = el('div', { class: 'toast', role: 'status', text });
  document.body.append(node);
  setTimeout(() => node.remove(), 2500);
}
