// Apply to a cluster (server-side dry run first, apply on confirmation, wait for the template)
// and the read-only live audit, both with progress. Backend: ClusterResource.

import { el, replace } from './dom.js';
import { openDialog, call as plainCall } from './share-dialog.js';

// With cluster access on, /api/cluster/* needs the Studio's access token (printed in its log at start, or
// gkstudio.cluster.token): asked for once per tab on the first 401, then sent with every cluster call.
const TOKEN_KEY = 'gkstudio.cluster-token';

async function call(url, options = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = { ...(options.headers ?? {}), 'X-Studio-Token': sessionStorage.getItem(TOKEN_KEY) ?? '' };
    try {
      return await plainCall(url, { ...options, headers });
    } catch (error) {
      if (error.status !== 401 || attempt > 1) throw error;
      const token = window.prompt('Cluster access token (see the Studio\'s log, or gkstudio.cluster.token):');
      if (!token) throw error;
      sessionStorage.setItem(TOKEN_KEY, token.trim());
    }
  }
}

function postJson(url, value) {
  return call(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
}

const POLL_MS = 500;

function objectTable(objects) {
  return el('table', { class: 'gk-table', 'data-testid': 'cluster-objects' },
    el('tr', {}, el('th', { text: 'Object' }), el('th', { text: 'Result' }), el('th', { text: "API server's answer" })),
    objects.map((o) => el('tr', {},
      el('td', {}, el('code', { text: `${o.kind}/${o.name}` })),
      el('td', { class: o.ok ? 'gk-ok' : 'gk-error', text: o.action }),
      el('td', { text: o.message }))));
}

function templateErrors(errors) {
  if (!errors?.length) return '';
  return el('div', {}, el('strong', { class: 'gk-error', text: 'status.byPod[].errors' }),
    el('ul', { class: 'gk-list', 'data-testid': 'template-errors' },
      errors.map((e) => el('li', {}, el('code', { text: e.pod }), ` ${e.code}: `, e.message))));
}

/** Polls a job until it ends, showing its progress; resolves with the finished job. */
async function follow(job, progressBox) {
  const bar = el('div');
  const line = el('div', { class: 'gk-muted', 'data-testid': 'cluster-progress' });
  replace(progressBox, el('div', { class: 'gk-progress' }, bar), line);
  for (;;) {
    line.textContent = job.message || job.phase;
    bar.style.width = job.total > 0 ? `${Math.round((100 * job.done) / job.total)}%` : '30%';
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, POLL_MS));
    job = await (await call(`/api/cluster/jobs/${job.id}`)).json();
  }
}

export async function openApplyDialog(doc) {
  const dialog = openDialog('Apply to the cluster', { testId: 'apply-dialog' });
  const result = el('div', { text: 'Server-side dry run…' });
  const progress = el('div');
  dialog.body.append(result, progress);
  let report;
  try {
    report = await (await postJson('/api/cluster/dry-run', { workspace: doc })).json();
  } catch (error) {
    replace(result, el('div', { class: 'gk-error', text: error.message }));
    return;
  }
  replace(result, el('div', { class: report.ok ? '' : 'gk-error', text: report.summary }), objectTable(report.objects));
  if (!report.ok) return;
  const apply = el('button', { type: 'button', class: 'btn primary', 'data-testid': 'cluster-apply-confirm', text: 'Apply' });
  dialog.footer.append(apply);
  apply.addEventListener('click', async () => {
    apply.disabled = true;
    try {
      const job = await follow(await (await postJson('/api/cluster/apply', { workspace: doc, confirm: report.confirm })).json(), progress);
      if (job.state === 'failed') {
        replace(result, el('div', { class: 'gk-error', text: job.error }));
      } else {
        replace(result, el('div', { class: job.result.ok ? 'gk-ok' : 'gk-error', text: job.result.summary }),
          templateErrors(job.result.templateErrors), objectTable(job.result.objects));
      }
    } catch (error) {
      replace(result, el('div', { class: 'gk-error', text: error.message }));
    }
  });
}

export async function openAuditDialog(doc) {
  const dialog = openDialog('Audit the live cluster (read-only)', { testId: 'audit-dialog' });
  const progress = el('div');
  const result = el('div', { class: 'gk-muted', text: 'Lists the objects the constraints match and evaluates the draft against them. Nothing is changed in the cluster.' });
  dialog.body.append(result, progress);
  try {
    const job = await follow(await (await postJson('/api/cluster/audit', { workspace: doc })).json(), progress);
    if (job.state === 'failed') {
      replace(result, el('div', { class: 'gk-error', text: job.error }));
      return;
    }
    const r = job.result;
    replace(result,
      el('div', { 'data-testid': 'audit-summary',
        text: `${r.violating} of ${r.matched} matched objects would violate (${r.violations} violations; ${r.listed} objects listed from ${r.resources.join(', ')}).` }),
      r.warnings.length ? el('ul', { class: 'gk-list gk-warn' }, r.warnings.map((w) => el('li', { text: w }))) : '',
      r.namespaces.map((ns) => el('div', { 'data-testid': 'audit-namespace' },
        el('div', { class: 'gk-ns', text: ns.namespace || '(cluster-scoped)' }),
        el('ul', { class: 'gk-list' }, ns.objects.map((o) => el('li', {},
          el('code', { text: `${o.kind}/${o.name}` }),
          o.error ? el('span', { class: 'gk-error', text: ` error: ${o.error}` }) : '',
          el('ul', { class: 'gk-list' }, o.violations.map((v) => el('li', {},
            el('span', { class: 'gk-muted', text: `${v.constraint} (${v.enforcementAction}): ` }), v.message)))))))));
  } catch (error) {
    replace(result, el('div', { class: 'gk-error', text: error.message }));
  }
}
