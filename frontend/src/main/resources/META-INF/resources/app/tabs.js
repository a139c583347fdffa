// Tab strips: a [data-tabs=<group>] strip of [data-tab] buttons shows one [data-panel] of the
// matching [data-panels=<group>] container. Listeners hear which tab was selected.

const listeners = new Map();

export function initTabs(root = document) {
  for (const strip of root.querySelectorAll('[data-tabs]')) {
    for (const button of strip.querySelectorAll('[data-tab]')) {
      button.addEventListener('click', () => selectTab(strip.dataset.tabs, button.dataset.tab));
    }
  }
}

export function selectTab(group, tab) {
  const strip = document.querySelector(`[data-tabs="${group}"]`);
  const panels = document.querySelector(`[data-panels="${group}"]`);
  for (const button of strip.querySelectorAll('[data-tab]')) {
    button.setAttribute('aria-selected', String(button.dataset.tab === tab));
  }
  for (const panel of panels.querySelectorAll(':scope > [data-panel]')) {
    panel.hidden = panel.dataset.panel !== tab;
  }
  for (const listener of listeners.get(group) ?? []) listener(tab);
}

export function currentTab(group) {
  return document.querySelector(`[data-tabs="${group}"] [aria-selected="true"]`)?.dataset.tab;
}

export function onTab(group, listener) {
  if (!listeners.has(group)) listeners.set(group, []);
  listeners.get(group).push(listener);
}
