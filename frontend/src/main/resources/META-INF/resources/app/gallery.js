// The gallery: the sample-policies catalog in a picker; opening one loads its template,
// constraint, samples (with the suite's assertions as `# expect:` comments) and inventory.

import { byTestId, el, replace } from './dom.js';

export async function initGallery(onOpen) {
  const select = byTestId('gallery');
  const response = await fetch('/api/gallery');
  const catalog = response.ok ? await response.json() : [];
  const groups = new Map();
  for (const entry of catalog) {
    if (!groups.has(entry.category)) groups.set(entry.category, []);
    groups.get(entry.category).push(entry);
  }
  replace(select, el('option', { value: '', text: `Open an example policy… (${catalog.length})` }),
    [...groups].map(([category, entries]) => el('optgroup', { label: category },
      entries.map((e) => el('option', { value: e.id, title: e.description, text: `${e.title} · Rego ${e.regoVersion}` })))));
  select.dataset.count = String(catalog.length);
  select.addEventListener('change', async () => {
    if (!select.value) return;
    const policy = await openPolicy(select.value);
    // kept on the policy when opened; back to the prompt when the user chose to keep editing
    if (!(await onOpen(policy))) select.value = '';
  });
}

export async function openPolicy(id) {
  const response = await fetch(`/api/gallery/${encodeURIComponent(id)}`);
  if (!response.ok) throw new Error(`cannot open ${id}: HTTP ${response.status}`);
  return response.json();
}
