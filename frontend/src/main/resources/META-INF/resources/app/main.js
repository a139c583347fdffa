// Boots the IDE page: Monaco from the webjar, the three editors, the splitters and the
// language server connection. Data flow for a keystroke: Monaco model change →
// document-sync.js (didChange) → lsp-client.js (websocket frame) → backend /lsp → LSP4J.

import { loadMonaco } from './monaco-loader.js';
import { REGO, registerRego } from './rego-language.js';
import { THEME, defineTheme } from './theme.js';
import { TEMPLATE_REGO, CONSTRAINT_YAML, SAMPLES_YAML } from './example-policy.js';
import { initSplitters } from './splitters.js';
import { LspClient, lspUrl } from './lsp-client.js';
import { syncDocuments } from './document-sync.js';

const EDITOR_OPTIONS = {
  theme: THEME,
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 13,
  lineHeight: 20,
  fontFamily: 'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace',
  scrollBeyondLastLine: false,
  renderLineHighlight: 'all',
  renderLineHighlightOnlyWhenFocus: true,
  padding: { top: 8 },
  tabSize: 2,
};

function createEditor(monaco, testId, fileName, language, text) {
  const uri = monaco.Uri.parse(`inmemory://studio/${fileName}`);
  const model = monaco.editor.createModel(text, language, uri);
  const container = document.querySelector(`[data-testid="${testId}"]`);
  return monaco.editor.create(container, { ...EDITOR_OPTIONS, model });
}

function showStatus(state, client) {
  const status = document.querySelector('[data-testid="lsp-status"]');
  status.textContent = state;
  status.dataset.state = state;
  const server = client.serverInfo;
  status.title = server && state === 'connected'
    ? `Language server: ${server.name} ${server.version ?? ''}`.trim()
    : 'Language server';
}

async function main() {
  initSplitters();
  const monaco = await loadMonaco();
  registerRego(monaco);
  defineTheme(monaco);

  const editors = [
    createEditor(monaco, 'rego-editor', 'template.rego', REGO, TEMPLATE_REGO),
    createEditor(monaco, 'constraint-editor', 'constraint.yaml', 'yaml', CONSTRAINT_YAML),
    createEditor(monaco, 'samples-editor', 'samples.yaml', 'yaml', SAMPLES_YAML),
  ];

  const client = new LspClient(lspUrl(), {
    onState: (state) => showStatus(state, client),
    onReady: () => openAll(),
  });
  const openAll = syncDocuments(client, editors.map((editor) => editor.getModel()));
  client.start();
}

main().catch((error) => {
  console.error(error);
  const results = document.querySelector('[data-testid="results"] .pane-body');
  results.textContent = `The editor could not start: ${error.message}`;
  results.classList.add('error');
});
