// The Export menu: the gatekeeper-library bundle (zip), template + constraint as one YAML, the
// kubectl commands, and — when the Studio runs with cluster access — apply and live audit
// (cluster.js). Backend: ExportResource (/api/export...), ClusterResource (/api/cluster...).

import { download, el } from './dom.js';
import { toast } from './generated-view.js';
import { openDialog, problemList, postJson, call } from './share-dialog.js';
import { openApplyDialog, openAuditDialog } from './cluster.js';

async function downloadFrom(url, doc, fallbackName) {
  const response = await postJson(url, doc);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  download(name, await response.blob());
}

async function showKubectl(doc) {
  const dialog = openDialog('Apply with kubectl', { testId: 'kubectl-dialog' });
  try {
    const result = await (await postJson('/api/export', doc)).json();
    const copy = el('button', { type: 'button', class: 'btn small', text: 'Copy commands' });
    copy.addEventListener('click', () => navigator.clipboard.writeText(result.kubectl).then(() => { copy.textContent = 'Copied'; }));
    dialog.body.append(
      el('div', {}, 'Paste into a shell with access to the cluster. ',
        el('strong', { text: 'The template must be established before the constraint:' }),
        ' Gatekeeper creates the constraint\'s CRD from the template, so the commands wait for it in between.'),
      el('pre', { class: 'gk-pre', 'data-testid': 'kubectl-text', text: result.kubectl }),
      result.warnings.length ? el('ul', { class: 'gk-list gk-warn' }, result.warnings.map((w) => el('li', { text: w }))) : '');
    dialog.footer.append(copy);
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
  };
  item('Bundle (.zip, gatekeeper-library layout)', 'export-zip', (doc) => downloadFrom('/api/export/zip', doc, 'policy.zip'));
  item('Template + constraint (one .yaml)', 'export-yaml', (doc) => downloadFrom('/api/export/yaml', doc, 'policy.yaml'));
  item('kubectl apply…', 'export-kubectl', showKubectl);

  call('/api/cluster').then((r) => r.json()).then((cluster) => {
    items.append(el('div', { class: 'gk-sep' }));
    if (!cluster.enabled) {
      items.append(el('div', { class: 'gk-muted gk-note',
        text: 'Apply and live audit need cluster access (off on this Studio; see the README).' }));
      return;
    }
    item(`Apply to cluster… (${cluster.server ?? 'configured'})`, 'cluster-apply', (doc) => openApplyDialog(doc));
    item('Audit the live cluster…', 'cluster-audit', (doc) => openAuditDialog(doc));
  }).catch(() => { /* no cluster endpoint: leave the menu as is */ });
  return menu;
}

