// The Export menu: the gatekeeper-library bundle (zip), template + constraint as one YAML, the
// kubectl commands, and — when the Studio runs with cluster access — apply and live audit
// (cluster.js). Backend: ExportResource (/api/export...), ClusterResource (/api/cluster...).

import { download, el } from './dom.js';
import { toast } from './generated-view.js';
import { openDialog, problemList, postJson, call } from './share-dialog.js';
import { openApplyDialog, openAuditDialog } from './cluster.js';
import { initTabs, selectTab } from './tabs.js';

async function downloadFrom(url, doc, fallbackName) {
  const response = await postJson(url, doc);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  download(name, await response.blob());
}

/**
 * The kubectl / YAML dialog: a "kubectl" tab with the `kubectl apply -f -` commands (template, wait
 * until it is established, constraint) and a "YAML" tab with the multi-document YAML they apply.
 */
async function showKubectl(doc, tab = 'kubectl') {
  const dialog = openDialog('Apply with kubectl', { testId: 'kubectl-dialog' });
  try {
    const result = await (await postJson('/api/export', doc)).json();
    const tabButton = (name, label) => el('button', { type: 'button', role: 'tab', 'data-tab': name,
      'data-testid': `export-tab-${name}`, text: label });
    const strip = el('div', { class: 'tabs gk-tabs', role: 'tablist', 'data-tabs': 'export' },
      tabButton('kubectl', 'kubectl'), tabButton('yaml', 'YAML'));
    const copyButton = (label, text) => {
      const b = el('button', { type: 'button', class: 'btn small', text: label });
      b.addEventListener('click', () => navigator.clipboard.writeText(text).then(() => { b.textContent = 'Copied'; }));
      return b;
    };
    const panels = el('div', { class: 'gk-panels', 'data-panels': 'export' },
      el('div', { class: 'gk-panel', 'data-panel': 'kubectl', 'data-testid': 'kubectl-panel' },
        el('div', { 'data-testid': 'kubectl-note' }, 'Paste into a shell with access to the cluster. ',
          el('strong', { text: 'The template must be established before the constraint:' }),
          ' Gatekeeper creates the constraint\'s CRD from the template, so the commands wait for it in between.'),
        // no commands when the template's name or kind would not be accepted by Kubernetes: the reason instead
        el('pre', { class: 'gk-pre', 'data-testid': 'kubectl-text', text: result.kubectl ?? result.kubectlError }),
        el('div', { class: 'gk-row' }, result.kubectl ? copyButton('Copy commands', result.kubectl) : null)),
      el('div', { class: 'gk-panel', 'data-panel': 'yaml', 'data-testid': 'yaml-panel', hidden: true },
        el('div', { class: 'gk-muted', text: 'The template and the constraint(s) as one multi-document YAML, template first.' }),
        el('pre', { class: 'gk-pre', 'data-testid': 'export-yaml-text', text: result.yaml }),
        el('div', { class: 'gk-row' }, copyButton('Copy YAML', result.yaml),
          el('button', { type: 'button', class: 'btn small', text: 'Download .yaml',
            onclick: () => download(`${result.name}.yaml`, result.yaml) }))));
    dialog.body.append(strip, panels,
      result.warnings.length ? el('ul', { class: 'gk-list gk-warn' }, result.warnings.map((w) => el('li', { text: w }))) : '');
    initTabs(strip.parentElement);
    selectTab('export', tab);
  } catch (error) {
    dialog.body.append(el('div', { class: 'gk-error', text: error.message }), problemList(error.problems) ?? '');
  }
}

/** The Export ▾ button and its menu; returns the element to put in the header. */
export function installExportMenu(api, shareDocument) {
  const items = el('div', { class: 'gk-items', role: 'menu', hidden: true, 'data-testid': 'export-menu' });
  const button = el('button', { type: 'button', class: 'btn', 'aria-haspopup': 'menu', 'data-testid': 'export-button',
    title: 'Export the policy: bundle, YAML, kubectl, cluster', text: 'Export ▾' });
  const menu = el('div', { class: 'gk-menu' }, button, items);
  const close = () => { items.hidden = true; };
  button.addEventListener('click', (e) => { e.stopPropagation(); items.hidden = !items.hidden; });
  document.addEventListener('click', (e) => { if (!menu.contains(e.target)) close(); });

  const item = (label, testId, action) => {
    const b = el('button', { type: 'button', role: 'menuitem', 'data-testid': testId, text: label });
    b.addEventListener('click', () => {
      close();
      Promise.resolve(action(shareDocument(api))).catch((error) => toast(error.message));
    });
    items.append(b);
    return b;
  };
  item('Bundle (.zip, gatekeeper-library layout)', 'export-zip', (doc) => downloadFrom('/api/export/zip', doc, 'policy.zip'));
  item('Template + constraint (one .yaml)', 'export-yaml', (doc) => downloadFrom('/api/export/yaml', doc, 'policy.yaml'));
  item('kubectl apply…', 'export-kubectl', showKubectl);

  // The cluster actions are always listed: disabled, with the reason, unless the Studio runs with
  // cluster access (gkstudio.cluster.enabled=true).
  items.append(el('div', { class: 'gk-sep' }));
  const apply = item('Apply to cluster…', 'cluster-apply', (doc) => openApplyDialog(doc));
  const audit = item('Audit the live cluster…', 'cluster-audit', (doc) => openAuditDialog(doc));
  const note = el('div', { class: 'gk-muted gk-note', id: 'gk-cluster-note', 'data-testid': 'cluster-note',
    text: 'Checking cluster access…' });
  items.append(note);
  const disable = (reason) => {
    for (const b of [apply, audit]) {
      b.disabled = true;
      b.setAttribute('aria-describedby', note.id);
      b.title = reason;
    }
    note.textContent = reason;
    note.dataset.state = 'disabled';
  };
  disable('Checking cluster access…');
  note.dataset.state = 'checking';
  call('/api/cluster').then((r) => r.json()).then((cluster) => {
    if (!cluster.enabled) {
      disable('Apply and live audit need cluster access, which is off on this Studio '
        + '(start it with gkstudio.cluster.enabled=true; see the README).');
    } else if (cluster.error) {
      disable(`Cluster access is on, but ${cluster.error}.`);
    } else {
      for (const b of [apply, audit]) {
        b.disabled = false;
        b.removeAttribute('aria-describedby');
        b.title = '';
      }
      apply.textContent = `Apply to cluster… (${cluster.server ?? 'configured'})`;
      note.remove();
    }
  }).catch(() => disable('Apply and live audit are not available: the Studio did not answer about cluster access.'));
  return menu;
}

