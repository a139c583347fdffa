// The workspace: what the editors and inputs hold, collected into the message the backend
// evaluates. Every change bumps `version` and notifies listeners with where it came from, so
// the template YAML view can tell its own edits from those of the parts.

/** The Providers editor's text when a workspace has no mocks. */
export const PROVIDERS_HINT = `# Mocked external data providers: what external_data({"provider": ..., "keys": [...]}) answers.
# <provider name>:
#   responses: {<key>: <value>, ...}     # answered as [key, value] pairs
#   errors: {<key>: <message>, ...}      # answered as [key, message] pairs; unlisted keys are errors too
#   system_error: "<message>"            # the whole request fails (with status_code, default 200)
`;

/** The Mutators editor's text when a workspace has none. */
export const MUTATORS_HINT = `# Gatekeeper mutators (Assign, AssignMetadata, ModifySet, AssignImage), one YAML document each.
# Every sample is mutated as the API server would store it, then the constraints review the result;
# a mutated sample's card shows what changed.
`;

export class WorkspaceState {
  /**
   * @param models  Monaco models: rego (entry point), schema, constraint, samples, inventory
   * @param inputs  elements: kind, name, regoVersion
   */
  constructor(monaco, models, inputs) {
    this.monaco = monaco;
    this.models = models;
    this.inputs = inputs;
    this.libModels = [];
    this.testModels = [];
    this.annotations = {};
    this.version = 0;
    this.listeners = [];
    this.muted = 0;
    for (const [name, model] of Object.entries(models)) {
      model.onDidChangeContent(() => this.changed(name));
    }
    for (const [name, input] of Object.entries(inputs)) {
      input.addEventListener('input', () => this.changed(name));
    }
  }

  onChange(listener) {
    this.listeners.push(listener);
  }

  changed(origin) {
    if (this.muted) return;
    this.version += 1;
    for (const listener of this.listeners) listener(origin, this.version);
  }

  /** Runs several programmatic edits as one change. */
  batch(origin, fn) {
    this.muted += 1;
    try {
      fn();
    } finally {
      this.muted -= 1;
    }
    this.changed(origin);
  }

  /** Replaces a model's text as an undoable edit (keeps the cursor where possible). */
  static setText(model, text) {
    if (model.getValue() === text) return;
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
  }

  setLibs(libs) {
    for (const model of this.libModels) model.dispose();
    this.libModels = libs.map((text, i) => {
      const uri = this.monaco.Uri.parse(`inmemory://studio/lib_${i}.rego`);
      this.monaco.editor.getModel(uri)?.dispose();
      const model = this.monaco.editor.createModel(text, 'rego', uri);
      model.onDidChangeContent(() => this.changed(`lib:${i}`));
      return model;
    });
  }

  /** Replaces the unit test modules (`src_test.rego`, `src_2_test.rego`, ...). */
  setTests(tests) {
    for (const model of this.testModels) model.dispose();
    this.testModels = [];
    for (const text of tests) this.addTest(text, false);
  }

  /** Adds a unit test module; returns its model. */
  addTest(text, notify = true) {
    const i = this.testModels.length;
    const uri = this.monaco.Uri.parse(`inmemory://studio/${testFileName(i)}`);
    this.monaco.editor.getModel(uri)?.dispose();
    const model = this.monaco.editor.createModel(text, 'rego', uri);
    model.onDidChangeContent(() => this.changed(`test:${i}`));
    this.testModels.push(model);
    if (notify) this.changed('tests');
    return model;
  }

  /** The template's parts (see the backend's Workspace.Template). */
  template() {
    return {
      rego: this.models.rego.getValue(),
      libs: this.libModels.map((m) => m.getValue()),
      regoVersion: this.inputs.regoVersion.value,
      kind: this.inputs.kind.value.trim(),
      name: this.inputs.name.value.trim(),
      schema: this.models.schema.getValue(),
      annotations: this.annotations,
    };
  }

  workspace() {
    return {
      template: this.template(),
      constraints: this.models.constraint.getValue(),
      samples: this.models.samples.getValue(),
      inventory: this.models.inventory.getValue(),
      providers: this.models.providers?.getValue() ?? '',
      mutators: this.models.mutators?.getValue() ?? '',
      tests: this.testModels.map((m) => m.getValue()),
    };
  }

  /** Loads a whole workspace (gallery, split template) as one change. */
  load(workspace, origin = 'load') {
    this.batch(origin, () => {
      if (workspace.template) this.loadTemplate(workspace.template);
      if (workspace.constraints !== undefined) WorkspaceState.setText(this.models.constraint, workspace.constraints);
      if (workspace.samples !== undefined) WorkspaceState.setText(this.models.samples, workspace.samples);
      if (workspace.inventory !== undefined) WorkspaceState.setText(this.models.inventory, workspace.inventory);
      // a whole workspace brings its mocked providers and mutators, or none
      if (this.models.providers && (workspace.providers !== undefined || workspace.samples !== undefined)) {
        WorkspaceState.setText(this.models.providers, workspace.providers ?? PROVIDERS_HINT);
      }
      if (this.models.mutators && (workspace.mutators !== undefined || workspace.samples !== undefined)) {
        WorkspaceState.setText(this.models.mutators, workspace.mutators ?? MUTATORS_HINT);
      }
      // a whole workspace (gallery, shared link) brings its tests or none; a split template keeps them
      if (workspace.tests !== undefined || workspace.samples !== undefined) this.setTests(workspace.tests ?? []);
    });
  }

  loadTemplate(t) {
    WorkspaceState.setText(this.models.rego, t.rego ?? '');
    WorkspaceState.setText(this.models.schema, t.schema ?? '');
    this.inputs.kind.value = t.kind ?? '';
    this.inputs.name.value = t.name ?? '';
    this.inputs.regoVersion.value = t.regoVersion === 'v1' ? 'v1' : 'v0';
    this.annotations = t.annotations ?? {};
    const libs = t.libs ?? [];
    const same = libs.length === this.libModels.length
      && libs.every((text, i) => this.libModels[i].getValue() === text);
    if (!same) this.setLibs(libs);
  }

  /** The Monaco model of a template module: `rego`, `lib:<i>` or `test:<i>` (a unit test module). */
  moduleModel(module) {
    if (module === 'rego') return this.models.rego;
    const m = /^(lib|test):(\d+)$/.exec(module ?? '');
    if (!m) return undefined;
    return (m[1] === 'lib' ? this.libModels : this.testModels)[Number(m[2])];
  }
}

/** The file name of unit test module i, as the backend names it (Workspace.testFile). */
export function testFileName(i) {
  return i === 0 ? 'src_test.rego' : `src_${i + 1}_test.rego`;
}
