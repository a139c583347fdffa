// The header's Workspace ▾ menu: New policy, the Recent workspaces (autosaved by workspace-store.js),
// and the help entries other modules add (tour, keyboard shortcuts).

import { el, replace } from './dom.js';
import { installStyles } from './share-dialog.js';
import { newPolicySkeleton, savedWhen } from './workspace-store.js';

/**
 * @param store   the WorkspaceStore
 * @param open    (doc, label) => loads a workspace document (through store.replace)
 * @returns { menu, addItem(label, testId, action) }
 */
export function installWorkspaceMenu(store, open) {
  installStyles();
  const items = el('div', { class: 'gk-items', role: 'menu', hidden: true, 'data-testid': 'workspace-menu' });
  const button = el('button', { type: 'button', class: 'btn', 'aria-haspopup': 'menu', 'data-testid': 'workspace-button',
    title: 'New policy, recent workspaces, help', text: 'Workspace ▾' });
  const menu = el('div', { class: 'gk-menu workspace-menu' }, button, items);
  const close = () => { items.hidden = true; };
  document.addEventListener('click', (e) => { if (!menu.contains(e.target)) close(); });

  const recentList = el('div', { class: 'recent-list', 'data-testid': 'recent-list' });
  const extra = el('div', { class: 'menu-extra' });
  const button_ = (label, attrs, action) => el('button', {
    type: 'button', role: 'menuitem', ...attrs, text: label,
    onclick: () => { close(); action(); },
  });
  const renderRecent = () => {
    const recent = store.recent();
    replace(recentList, el('div', { class: 'gk-muted gk-note', text: recent.length ? 'Recent (saved in this browser)' : 'No recent workspaces yet' }),
      recent.map((r, i) => button_(`${r.name} · ${savedWhen(r.savedAt)}`, { 'data-testid': 'recent-workspace', 'data-index': i, title: r.name },
        () => open(r.doc, `Reopening ${r.name}`))));
  };
  button.addEventListener('click', (e) => {
    e.stopPropagation();
    if (items.hidden) renderRecent();
    items.hidden = !items.hidden;
  });
  items.append(
    button_('New policy', { 'data-testid': 'new-policy', title: 'Start from a minimal working policy' },
      () => open(newPolicySkeleton(), 'A new policy')),
    el('div', { class: 'gk-sep' }), recentList, el('div', { class: 'gk-sep' }), extra);
  return {
    menu,
    addItem(label, testId, action) {
      extra.append(button_(label, { 'data-testid': testId }, action));
    },
  };
}
