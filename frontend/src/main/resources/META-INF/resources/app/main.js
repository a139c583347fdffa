// Boots the IDE page and wires the request path of a keystroke:
//   Monaco model change → workspace-state.js (version + 1) → eval-client.js (/ws/eval frame)
//   → backend EvalSocket → WorkspaceEvaluator → gatekeeper client → result frame
//   → results-view.js / problems-view.js / explain-view.js / constraint-form.js / generated-view.js.
// The language server sees the template's Rego (entry point and libs) and the template YAML as documents,
// through lsp-workspace.js → lsp-client.js (/lsp); each result also refreshes the Gatekeeper context it
// completes from (parameters schema, sample objects, matched kinds). Its diagnostics reach the editors as
// 'lsp' markers (lsp-monaco.js) and the problems list (problems-view.js, beside the evaluator's).

import { loadMonaco } from './monaco-loader.js';
import { REGO, registerRego } from './rego-language.js';
import { DARK, defineThemes, initialTheme, applyTheme } from './theme.js';
import {
  TEMPLATE_REGO, CONSTRAINT_YAML, SAMPLES_YAML, TEMPLATE_KIND, TEMPLATE_NAME, SCHEMA_YAML,
} from './example-policy.js';
import { initSplitters } from './splitters.js';
import { LspClient, lspUrl } from './lsp-client.js';
import { LspWorkspace, contextFromResult, RULES_BASE_URL } from './lsp-workspace.js';
import { registerEvaluationHover } from './eval-hover.js';
import { initTabs, selectTab, onTab } from './tabs.js';
import { byTestId, $, el, replace } from './dom.js';
import { WorkspaceState, testFileName, PROVIDERS_HINT, MUTATORS_HINT } from './workspace-state.js';
import { TestsView } from './tests-view.js';
import { QueryView } from './query-view.js';
import { EvalClient, evalUrl } from './eval-client.js';
import { ResultsView } from './results-view.js';
import { ProblemsView } from './problems-view.js';
import { TraceView, Highlights, renderPrints } from './explain-view.js';
import { ConstraintForm } from './constraint-form.js';
import { GeneratedView, toast } from './generated-view.js';
import { initGallery, openPolicy } from './gallery.js';
import { installGuide } from './guide.js';
import { toYaml } from './yaml-emit.js';
import { installShareUi, shareDocument, applySettings } from './share.js';
import { downloadBundle as exportBundle } from './export.js';
import { WorkspaceStore } from './workspace-store.js';
import { installWorkspaceMenu } from './workspace-menu.js';
import { RegoVersionSwitch } from './rego-version-switch.js';
import { installDebugger } from './debugger.js';

const EDITOR_OPTIONS = {
  theme: DARK,
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
  glyphMargin: false,
  lineDecorationsWidth: 8,
  // the sticky headers overlaid the first lines of the samples (YAML) and rules (Rego)
  stickyScroll: { enabled: false },
};

function createEditor(monaco, container, fileName, language, text, options = {}) {
  const uri = monaco.Uri.parse(`inmemory://studio/${fileName}`);
  const model = monaco.editor.createModel(text, language, uri);
  return monaco.editor.create(container, { ...EDITOR_OPTIONS, ...options, model });
}

function showLspStatus(state, client) {
  const status = byTestId('lsp-status');
  status.textContent = state;
  status.dataset.state = state;
  const server = client.serverInfo;
  status.title = server && state === 'connected'
    ? `Language server: ${server.name} ${server.version ?? ''}`.trim()
    : 'Language server';
}

const looksLikeTemplate = (text) => /^\s*kind:\s*ConstraintTemplate\s*$/m.test(text) && /^\s*apiVersion:/m.test(text);

async function main() {
  initSplitters();
  initTabs();
  const monaco = await loadMonaco();
  registerRego(monaco);
  defineThemes(monaco);
  let theme = initialTheme();
  applyTheme(monaco, theme);

  // semantic tokens from the language server on top of the Monarch grammar (theme.js colours both)
  const regoEditor = createEditor(monaco, byTestId('rego-editor'), 'template.rego', REGO, TEMPLATE_REGO,
    { 'semanticHighlighting.enabled': true });
  const schemaEditor = createEditor(monaco, byTestId('schema-editor'), 'schema.yaml', 'yaml', SCHEMA_YAML);
  const templateYamlEditor = createEditor(monaco, byTestId('template-yaml-editor'), 'template.yaml', 'yaml', '');
  const constraintEditor = createEditor(monaco, byTestId('constraint-editor'), 'constraint.yaml', 'yaml', CONSTRAINT_YAML);
  const samplesEditor = createEditor(monaco, byTestId('samples-editor'), 'samples.yaml', 'yaml', SAMPLES_YAML);
  const inventoryEditor = createEditor(monaco, byTestId('inventory-editor'), 'inventory.yaml', 'yaml',
    '# Objects for data.inventory (referential policies), one YAML document each.\n');
  const providersEditor = createEditor(monaco, byTestId('providers-editor'), 'providers.yaml', 'yaml', PROVIDERS_HINT);
  const mutatorsEditor = createEditor(monaco, byTestId('mutators-editor'), 'mutators.yaml', 'yaml', MUTATORS_HINT);
  const editors = [regoEditor, schemaEditor, templateYamlEditor, constraintEditor, samplesEditor, inventoryEditor,
    providersEditor, mutatorsEditor];

  const inputs = {
    kind: $('[data-role="kind"]'),
    name: $('[data-role="name"]'),
    regoVersion: $('[data-role="rego-version"]'),
  };
  inputs.kind.value = TEMPLATE_KIND;
  inputs.name.value = TEMPLATE_NAME;
  inputs.regoVersion.addEventListener('change', () => inputs.regoVersion.dispatchEvent(new Event('input')));
  const entryModel = regoEditor.getModel();
  const state = new WorkspaceState(monaco, {
    rego: entryModel,
    schema: schemaEditor.getModel(),
    constraint: constraintEditor.getModel(),
    samples: samplesEditor.getModel(),
    inventory: inventoryEditor.getModel(),
    providers: providersEditor.getModel(),
    mutators: mutatorsEditor.getModel(),
  }, inputs);

  // ---- Rego modules: the entry point and the libs share one editor
  const modulePicker = $('[data-role="module"]');
  const renderModules = () => {
    const current = regoEditor.getModel();
    replace(modulePicker, el('option', { value: 'rego', text: 'template.rego' }),
      state.libModels.map((_, i) => el('option', { value: `lib:${i}`, text: `lib_${i}.rego` })),
      state.testModels.map((_, i) => el('option', { value: `test:${i}`, text: testFileName(i) })));
    modulePicker.classList.toggle('single', state.libModels.length + state.testModels.length === 0);
    const known = current === entryModel || state.libModels.includes(current) || state.testModels.includes(current);
    if (!known) regoEditor.setModel(entryModel);
    modulePicker.value = known ? moduleOf(current) : 'rego';
  };
  modulePicker.addEventListener('change', () => regoEditor.setModel(state.moduleModel(modulePicker.value)));
  renderModules();

  const reveal = (editor, tabGroup, tab) => (line, column = 1) => {
    if (tabGroup) selectTab(tabGroup, tab);
    editor.revealLineInCenter(line);
    editor.setPosition({ lineNumber: line, column });
    editor.focus();
  };
  const revealRego = (module, line) => {
    const model = state.moduleModel(module);
    if (!model) return;
    selectTab('template', 'rego');
    if (regoEditor.getModel() !== model) regoEditor.setModel(model);
    renderModules();
    reveal(regoEditor)(line);
  };
  const problems = new ProblemsView(monaco, (source) => {
    if (source === 'rego' || source.startsWith('lib:')) {
      return { model: state.moduleModel(source), reveal: (line, col) => revealRego(source, line, col) };
    }
    const targets = {
      schema: [schemaEditor, 'template', 'metadata'],
      metadata: [templateYamlEditor, 'template', 'template-yaml'],
      'template-yaml': [templateYamlEditor, 'template', 'template-yaml'],
      constraint: [constraintEditor, 'constraint', 'yaml'],
      samples: [samplesEditor, 'samples', 'samples'],
      inventory: [inventoryEditor, 'samples', 'inventory'],
      providers: [providersEditor, 'samples', 'providers'],
      mutators: [mutatorsEditor, 'samples', 'mutators'],
    };
    const [editor, group, tab] = targets[source] ?? [];
    if (!editor) return undefined;
    return { model: source === 'metadata' ? undefined : editor.getModel(), reveal: reveal(editor, group, tab) };
  }, (uri) => moduleOf(monaco.editor.getModel(monaco.Uri.parse(uri))));

  // ---- language server: documents, Gatekeeper context, diagnostics
  /** The template module ('rego', 'lib:<i>') a model holds, or undefined. */
  function moduleOf(model) {
    if (!model) return undefined;
    if (model === entryModel) return 'rego';
    const i = state.libModels.indexOf(model);
    if (i >= 0) return `lib:${i}`;
    const t = state.testModels.indexOf(model);
    return t >= 0 ? `test:${t}` : undefined;
  }
  const client = new LspClient(lspUrl(), { onState: (s) => showLspStatus(s, client) });
  client.addEventListener('diagnostics', (e) => problems.setDiagnostics(e.detail));
  const lsp = new LspWorkspace(client);
  const syncLspDocuments = () => lsp.syncModels([
    { model: entryModel, languageId: REGO },
    ...state.libModels.map((model) => ({ model, languageId: REGO })),
    ...state.testModels.map((model) => ({ model, languageId: REGO })),
    { model: templateYamlEditor.getModel(), languageId: 'yaml' },
  ]);
  const updateLspContext = (partial = {}) => lsp.updateContext({
    templateUris: [entryModel.uri.toString()],
    regoVersion: inputs.regoVersion.value,
    rulesBaseUrl: RULES_BASE_URL,
    ...partial,
  });
  syncLspDocuments();
  updateLspContext();
  state.onChange(() => {
    syncLspDocuments(); // libs come and go with loaded templates
    updateLspContext();
  });
  client.start();
  // switching Rego v0 → v1 converts v0-only code (undoably); v1 → v0 on v1-only code is refused with the reason
  const versionSwitch = new RegoVersionSwitch({
    client,
    select: inputs.regoVersion,
    modules: () => [
      { name: 'template.rego', model: entryModel },
      ...state.libModels.map((model, i) => ({ name: `lib_${i}.rego`, model })),
    ],
    editor: regoEditor,
    updateContext: () => updateLspContext(),
    anchor: $('[data-panels="template"]'),
  });
  state.onChange((origin) => { if (origin === 'load' || origin === 'template-yaml') versionSwitch.reset(); });

  // ---- live evaluation
  const coverageToggle = byTestId('coverage-toggle');
  const evalStatus = byTestId('eval-status');
  let lastResult = null;
  let lastGoodResult = null; // the latest result of a policy that compiled (shown dimmed while it does not)
  const evalClient = new EvalClient(evalUrl(), {
    onResult: (result) => showResult(result),
    onTests: (reply) => testsView.update(reply),
    onState: (s) => {
      if (s === 'open') state.changed('connect'); // (re)connected: evaluate the current text
      if (s === 'closed') { evalStatus.dataset.state = 'offline'; evalStatus.textContent = 'evaluator offline'; }
    },
    onError: (error) => toast(error.message),
  });
  const send = () => {
    evalStatus.dataset.state = 'running';
    evalStatus.textContent = 'evaluating…';
    if (lastResult) results.setStale(true);
    evalClient.evaluate(state.version, state.workspace(), { coverage: coverageToggle.checked });
  };
  state.onChange((origin, version) => {
    if (origin === 'load' || origin === 'template-yaml' || origin === 'tests') renderModules();
    if (origin === 'load') {
      lastGoodResult = null;
      // a new workspace (gallery, shared link): the previous policy's trace, print() output and highlights go
      trace.reset(version);
      renderPrints([]);
      highlights.rule.clear();
    }
    send();
  });
  coverageToggle.addEventListener('change', () => state.changed('coverage'));

  const results = new ResultsView({
    onViolation: (sample, violation) => {
      selectTab('template', 'rego');
      selectTab('samples', 'samples');
      if (violation.rule) highlights.showRule(violation.rule);
      highlights.showSampleRange(violation.sampleRange);
      selectTab('details', 'trace');
      trace.traceSample(sample, violation);
    },
    onSample: (sample) => {
      selectTab('samples', 'samples');
      highlights.showSampleRange({ startLine: sample.firstLine, endLine: sample.lastLine });
      trace.traceSample(sample);
    },
    onExpect: (sample) => writeExpectation(samplesEditor.getModel(), sample),
  });
  const highlights = new Highlights(monaco, regoEditor, samplesEditor, state);
  const trace = new TraceView({
    explain: (sample, constraint, message) => evalClient.explain(sample, constraint, message),
    revealRego,
    onRule: (rule) => highlights.showRule(rule),
  });
  const form = new ConstraintForm({
    paramsRoot: byTestId('parameters-form'),
    matchRoot: byTestId('match-builder'),
    enforcementSelect: $('[data-role="enforcement"]'),
    writeConstraint: (constraint) => replaceConstraintDocument(constraintEditor.getModel(), lastResult, constraint),
  });
  const generated = new GeneratedView();

  function showResult(result) {
    if (lastResult && result.version < lastResult.version) return; // an older answer overtaken
    lastResult = result;
    if (state.testModels.length === 0) testsView.clear(result.version);
    const stale = result.version < state.version;
    if (result.templateOk === false && lastGoodResult) results.renderBroken(result, lastGoodResult, stale);
    else results.render(result, stale);
    if (result.templateOk !== false) lastGoodResult = result;
    problems.setEvaluation(result.problems);
    form.update(result);
    generated.update(result.generated);
    trace.setSamples(result.samples, result.version);
    renderPrints(result.samples);
    highlights.setCoverage(coverageToggle.checked ? result.coverage : null);
    renderCoverageSummary(byTestId('coverage-summary'), coverageToggle.checked ? result.coverage : null);
    refreshTemplateYaml();
    updateLspContext(contextFromResult(result));
    evalStatus.dataset.state = stale ? 'running' : 'done';
    // (the version counter is the protocol's, not the user's: the header says what happened and how fast)
    evalStatus.textContent = stale ? 'evaluating…' : `evaluated in ${result.elapsedMs.toFixed(1)} ms`;
    evalStatus.dataset.version = String(result.version);
    document.dispatchEvent(new CustomEvent('studio:rendered', {
      detail: { version: result.version, stale, at: performance.now() },
    }));
  }

  // ---- unit tests (Tests tab) and free queries (Query tab, "Evaluate selection")
  const testsView = new TestsView({ reveal: (module, line) => revealRego(module, line) });
  const selectedSample = () => trace.selectedSample() ?? lastResult?.samples.find((s) => s.status !== 'error') ?? null;
  const queryView = new QueryView({
    run: (text) => evalClient.query(text, selectedSample()?.index ?? 0),
    context: () => {
      const sample = selectedSample();
      return sample ? `input: the review of sample “${sample.name}” · data.inventory · template, libs and tests`
        : 'no sample: input is undefined · data.inventory · template, libs and tests';
    },
  });
  $('[data-action="add-test"]').addEventListener('click', () => {
    const pkg = /^\s*package\s+([\w.]+)/m.exec(entryModel.getValue())?.[1] ?? 'policy';
    const model = state.addTest(`package ${pkg}_test\n\nimport rego.v1\n\nimport data.${pkg}\n\ntest_allowed if {\n\tcount(${pkg}.violation) == 0 with input as {"review": {"object": {}}, "parameters": {}}\n}\n`);
    regoEditor.setModel(model);
    renderModules();
    selectTab('template', 'rego');
    selectTab('details', 'tests');
  });
  // the language server's "Run test" / "Run all tests" lenses: evaluate now and show the Tests tab (with the test)
  document.addEventListener('studio:run-tests', (e) => {
    testsView.focus(e.detail.command === 'gkstudio.runTest' ? e.detail.name : null);
    selectTab('details', 'tests');
    state.changed('manual');
  });
  regoEditor.addAction({
    id: 'studio.evaluateSelection',
    label: 'Evaluate selection',
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter],
    contextMenuGroupId: 'navigation',
    run: (editor) => {
      const selection = editor.getSelection();
      const model = editor.getModel();
      const text = selection && !selection.isEmpty() ? model.getValueInRange(selection)
        : model.getLineContent(editor.getPosition().lineNumber);
      selectTab('details', 'query');
      queryView.evaluateText(text.trim());
    },
  });

  // ---- the whole-template YAML view, kept in sync both ways
  let applyingTemplateYaml = false;
  const refreshTemplateYaml = () => {
    const text = lastResult?.generated?.template;
    if (text === undefined || templateYamlEditor.hasTextFocus()) return;
    applyingTemplateYaml = true;
    try {
      WorkspaceState.setText(templateYamlEditor.getModel(), text);
    } finally {
      applyingTemplateYaml = false;
    }
  };
  onTab('template', (tab) => { if (tab === 'template-yaml') refreshTemplateYaml(); });
  onTab('samples', (tab) => {
    for (const hint of document.querySelectorAll('[data-hint-for]')) hint.hidden = hint.dataset.hintFor !== tab;
  });
  const splitInto = async (text, versionCheck) => {
    try {
      const reply = await evalClient.split(text);
      if (versionCheck && !versionCheck()) return false;
      if (reply.problem) {
        problems.setSplit([reply.problem]);
        return false;
      }
      problems.setSplit([]);
      state.load({ template: reply.template }, 'template-yaml');
      return true;
    } catch (error) {
      toast(error.message);
      return false;
    }
  };
  templateYamlEditor.getModel().onDidChangeContent(() => {
    if (applyingTemplateYaml) return;
    const model = templateYamlEditor.getModel();
    const version = model.getVersionId();
    splitInto(model.getValue(), () => model.getVersionId() === version);
  });
  // After a paste Monaco keeps the view scrolled to where the longest pasted line ended: when the caret fits
  // in the editor from the left edge, scroll back there ("package" read as "kage" otherwise).
  for (const editor of editors) {
    editor.onDidPaste(() => requestAnimationFrame(() => {
      const pos = editor.getPosition();
      if (!pos) return;
      const caret = editor.getOffsetForColumn(pos.lineNumber, pos.column);
      if (caret < editor.getLayoutInfo().contentWidth - 24) editor.setScrollLeft(0);
    }));
  }
  // Pasting a whole ConstraintTemplate into the Rego editor splits it into the panes.
  regoEditor.onDidPaste(async (e) => {
    const model = regoEditor.getModel();
    const pasted = model.getValueInRange(e.range);
    if (!looksLikeTemplate(pasted)) return;
    const before = model.getValue();
    const ok = await splitInto(pasted, () => model.getValue() === before);
    if (ok) toast('ConstraintTemplate split into Rego, metadata and schema');
  });

  // ---- gallery, keyboard, theme, bundle
  const loadWorkspace = (workspace) => {
    problems.setSplit([]);
    state.load(workspace);
    if (workspace.settings) applySettings(workspace.settings);
    regoEditor.setModel(entryModel);
    renderModules();
    highlights.showSampleRange(null);
    // a new policy is read from its first line, not from where the previous one was scrolled to
    for (const editor of editors) editor.setScrollPosition({ scrollTop: 0, scrollLeft: 0 });
  };
  // ---- work is never lost: autosave, Recent, asking before edited work is replaced
  const store = new WorkspaceStore({
    state,
    document: () => shareDocument({ state }),
    load: loadWorkspace,
  });
  const workspaceMenu = installWorkspaceMenu(store, (doc, label) => store.replace(label, () => {
    loadWorkspace(doc);
    byTestId('gallery').value = ''; // no longer the gallery policy shown in the picker
  }));
  $('[data-action="evaluate"]').before(workspaceMenu.menu);
  initGallery(async (policy) => {
    const opened = await store.replace(`Opening ${policy.title}`, () => loadWorkspace(policy.workspace));
    if (opened) toast(`Opened ${policy.title}`);
    return opened;
  }).catch((error) => toast(`Gallery unavailable: ${error.message}`));
  // a first-visit tour of a gallery policy and the keyboard shortcuts (?), both also under Workspace ▾
  installGuide({
    menu: workspaceMenu,
    state,
    open: async (id) => {
      const policy = await openPolicy(id);
      return store.replace(`The tour opens ${policy.title}, which`, () => {
        loadWorkspace(policy.workspace);
        byTestId('gallery').value = id;
      });
    },
  });

  const evaluateNow = () => state.changed('manual');
  const downloadBundle = () => exportBundle(shareDocument({ state })).catch((e) => toast(e.message));
  for (const editor of editors) {
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, evaluateNow);
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, downloadBundle);
  }
  window.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    if (e.key === 'Enter') { e.preventDefault(); evaluateNow(); }
    if (e.key === 's' || e.key === 'S') { e.preventDefault(); downloadBundle(); }
  });
  $('[data-action="evaluate"]').addEventListener('click', evaluateNow);
  $('[data-action="bundle"]').addEventListener('click', downloadBundle);
  $('[data-action="theme"]').addEventListener('click', () => {
    theme = theme === 'dark' ? 'light' : 'dark';
    applyTheme(monaco, theme);
  });

  // ---- hover: what a rule or variable evaluated to for the selected sample (else the first evaluated one)
  registerEvaluationHover(monaco, {
    moduleOf,
    current: () => {
      const result = lastResult;
      if (!result) return null;
      const sample = trace.selectedSample() ?? result.samples.find((s) => s.status !== 'error');
      if (!sample) return null;
      const constraint = sample.violations[0]?.constraint ?? sample.matched[0] ?? null;
      return { version: result.version, sample, constraint };
    },
    explain: (sample, constraint) => evalClient.explain(sample, constraint, null, { values: true })
      .then((reply) => reply.explanation),
  });

  const openingSharedLink = /^\/s\//.test(location.pathname) || location.hash.startsWith('#w=');
  if (openingSharedLink) store.archiveSaved();
  else store.restore();
  evalClient.start();
  // the Rego debugger: gutter breakpoints, Debug buttons on result cards, the Debug tab (issue 20)
  const debuggerUi = { monaco, regoEditor, state, moduleOf, highlights, revealRego, result: () => lastResult, toast };
  window.studio = { queryView, testsView, monaco, state, store, workspaceMenu, editors: { regoEditor, constraintEditor, samplesEditor, inventoryEditor, templateYamlEditor, schemaEditor, providersEditor, mutatorsEditor }, evalClient, lspClient: client, result: () => lastResult };
  installDebugger(debuggerUi);
  installShareUi(window.studio).catch((error) => toast(`Sharing unavailable: ${error.message}`)); // share links, export, cluster (issue 10)
}

/** "82% of 40 lines covered" with a legend of the two gutter marks, beside the Coverage toggle. */
function renderCoverageSummary(node, coverage) {
  node.hidden = !coverage;
  if (!coverage) return;
  let covered = 0;
  let total = 0;
  for (const module of Object.values(coverage)) {
    covered += module.covered.length;
    total += module.covered.length + module.notCovered.length;
  }
  const percent = total ? Math.round((covered / total) * 100) : 0;
  node.dataset.percent = String(percent);
  replace(node, el('span', { text: `${percent}% of ${total} lines covered` }),
    el('span', { class: 'swatch covered', title: 'evaluated for at least one sample' }), 'covered',
    el('span', { class: 'swatch not-covered', title: 'never evaluated by any sample' }), 'not covered');
}

/** Rewrites one constraint document (the form's) in the constraint YAML, leaving the others. */
function replaceConstraintDocument(model, result, constraint) {
  const info = result?.constraints.find((c) => c.object);
  const lines = model.getLinesContent();
  let start = (info?.firstLine ?? 1) - 1;
  let end = start;
  while (end < lines.length && !(end > start && /^---(\s|$)/.test(lines[end]))) end += 1;
  // keep the document's leading comments
  while (start < end && /^\s*(#.*)?$/.test(lines[start])) start += 1;
  const range = {
    startLineNumber: start + 1, startColumn: 1,
    endLineNumber: end, endColumn: end >= 1 ? model.getLineMaxColumn(end) : 1,
  };
  const text = toYaml(constraint).replace(/\n$/, '');
  model.pushEditOperations([], [{ range, text }], () => null);
}

/** Writes `# expect:` for a sample from its current outcome. */
function writeExpectation(model, sample) {
  const n = sample.violations.length;
  const text = sample.status === 'error' ? null : n === 0 ? 'allowed' : `${n} violation${n === 1 ? '' : 's'}`;
  if (!text) return;
  const edits = [];
  let replaced = false;
  for (let line = sample.firstLine; line <= Math.min(sample.lastLine, model.getLineCount()); line++) {
    if (!/^\s*#\s*expect:/.test(model.getLineContent(line))) continue;
    const range = replaced
      ? { startLineNumber: line, startColumn: 1, endLineNumber: line + 1, endColumn: 1 }
      : { startLineNumber: line, startColumn: 1, endLineNumber: line, endColumn: model.getLineMaxColumn(line) };
    edits.push({ range, text: replaced ? '' : `# expect: ${text}` });
    replaced = true;
  }
  if (!replaced) {
    edits.push({ range: { startLineNumber: sample.firstLine, startColumn: 1, endLineNumber: sample.firstLine, endColumn: 1 }, text: `# expect: ${text}\n` });
  }
  model.pushEditOperations([], edits, () => null);
}

main().catch((error) => {
  console.error(error);
  const results = document.querySelector('[data-testid="results"] .pane-body');
  results.textContent = `The editor could not start: ${error.message}`;
  results.classList.add('error');
});
