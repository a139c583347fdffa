// Loads Monaco from the webjar the backend serves (no CDN: the Studio must work offline).
// Monaco ships an AMD build, so its own loader is injected here and wrapped in a promise.

const MONACO_BASE = '/webjars/monaco-editor/min/vs';

export function loadMonaco() {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${MONACO_BASE}/loader.js`;
    script.onerror = () => reject(new Error(`cannot load ${script.src}`));
    script.onload = () => {
      window.require.config({ paths: { vs: MONACO_BASE } });
      window.require(['vs/editor/editor.main'], () => resolve(window.monaco), reject);
    };
    document.head.appendChild(script);
  });
}
