// Maps the Gatekeeper Studio language server onto Monaco: diagnostics → markers, and one Monaco
// provider per LSP feature (completion, hover, signature help, definition, references, rename,
// highlights, symbols, formatting, code actions, folding, selection ranges, semantic tokens,
// inlay hints) for the languages 'rego' and 'yaml'. LSP positions are 0-based, Monaco's 1-based.
//
// Used by lsp-client.js (attachMonaco); nothing else needs to import it.

import { readable } from './problems-view.js';

const LANGUAGES = ['rego', 'yaml'];
export const MARKER_OWNER = 'lsp';

// LSP ↔ Monaco positions and ranges
export const toMonacoPosition = (p) => ({ lineNumber: p.line + 1, column: p.character + 1 });
export const toLspPosition = (p) => ({ line: p.lineNumber - 1, character: p.column - 1 });
export const toMonacoRange = (r) => ({
  startLineNumber: r.start.line + 1,
  startColumn: r.start.character + 1,
  endLineNumber: r.end.line + 1,
  endColumn: r.end.character + 1,
});
export const toLspRange = (r) => ({
  start: { line: r.startLineNumber - 1, character: r.startColumn - 1 },
  end: { line: r.endLineNumber - 1, character: r.endColumn - 1 },
});

function markdown(content) {
  if (!content) return undefined;
  if (typeof content === 'string') return { value: content };
  return { value: content.value ?? '' };
}

export function markerSeverity(monaco, severity) {
  switch (severity) {
    case 1: return monaco.MarkerSeverity.Error;
    case 2: return monaco.MarkerSeverity.Warning;
    case 3: return monaco.MarkerSeverity.Info;
    default: return monaco.MarkerSeverity.Hint;
  }
}

function completionKind(monaco, kind) {
  const k = monaco.languages.CompletionItemKind;
  // LSP CompletionItemKind numbers → Monaco enum members
  const map = {
    1: k.Text, 2: k.Method, 3: k.Function, 4: k.Constructor, 5: k.Field, 6: k.Variable, 7: k.Class,
    8: k.Interface, 9: k.Module, 10: k.Property, 11: k.Unit, 12: k.Value, 13: k.Enum, 14: k.Keyword,
    15: k.Snippet, 16: k.Color, 17: k.File, 18: k.Reference, 19: k.Folder, 20: k.EnumMember,
    21: k.Constant, 22: k.Struct, 23: k.Event, 24: k.Operator, 25: k.TypeParameter,
  };
  return map[kind] ?? k.Text;
}

function workspaceEdit(monaco, edit) {
  const edits = [];
  for (const [uri, textEdits] of Object.entries(edit?.changes ?? {})) {
    for (const e of textEdits) {
      edits.push({ resource: monaco.Uri.parse(uri), textEdit: { range: toMonacoRange(e.range), text: e.newText }, versionId: undefined });
    }
  }
  return { edits };
}

/**
 * Registers the providers and the diagnostics handler. Returns a disposable. `client` needs
 * request(method, params) → Promise and onNotification(method, handler).
 */
/** True when the client opened the document (clients without a document list ask for every model). */
const isOpen = (client, uri) => !client.documents || client.documents.has(uri);

const LENS_COMMAND = 'gkstudio.lens';
let lensCommandRegistered = false;

export function attachMonaco(monaco, client, { onDiagnostics = () => {} } = {}) {
  if (!lensCommandRegistered) {
    lensCommandRegistered = true;
    monaco.editor.registerCommand(LENS_COMMAND, (_accessor, command, uri, name) => {
      document.dispatchEvent(new CustomEvent('studio:run-tests', { detail: { command, uri, name } }));
    });
  }
  const disposables = [];
  const diagnostics = new Map(); // uri → LSP diagnostics, for code action context
  const doc = (model) => ({ textDocument: { uri: model.uri.toString() } });
  const at = (model, position) => ({ ...doc(model), position: toLspPosition(position) });
  const ask = async (method, params) => {
    if (!isOpen(client, params.textDocument.uri)) return null; // a model the server does not know
    try {
      return await client.request(method, params);
    } catch (error) {
      return null; // disconnected or refused: the editor just shows nothing
    }
  };

  client.onNotification('textDocument/publishDiagnostics', (params) => {
    diagnostics.set(params.uri, params.diagnostics);
    const model = monaco.editor.getModel(monaco.Uri.parse(params.uri));
    if (model && !model.isDisposed()) {
      monaco.editor.setModelMarkers(model, MARKER_OWNER, params.diagnostics.map((d) => ({
        ...toMonacoRange(d.range),
        severity: markerSeverity(monaco, d.severity),
        message: readable(d.message),
        source: d.source,
        code: d.codeDescription
          ? { value: String(d.code), target: monaco.Uri.parse(new URL(d.codeDescription.href, window.location.href).toString()) }
          : (d.code === undefined ? undefined : String(d.code)),
      })));
    }
    onDiagnostics(params);
  });

  for (const language of LANGUAGES) {
    const reg = monaco.languages;
    disposables.push(reg.registerCompletionItemProvider(language, {
      triggerCharacters: ['.', '[', '"'],
      async provideCompletionItems(model, position) {
        const result = await ask('textDocument/completion', at(model, position));
        const items = Array.isArray(result) ? result : result?.items ?? [];
        const word = model.getWordUntilPosition(position);
        const range = {
          startLineNumber: position.lineNumber, endLineNumber: position.lineNumber,
          startColumn: word.startColumn, endColumn: word.endColumn,
        };
        return {
          incomplete: !!result?.isIncomplete,
          suggestions: items.map((i) => ({
            label: i.label,
            kind: completionKind(monaco, i.kind),
            detail: i.detail,
            documentation: markdown(i.documentation),
            insertText: i.insertText ?? i.label,
            insertTextRules: i.insertTextFormat === 2 ? reg.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
            sortText: i.sortText,
            filterText: i.filterText,
            tags: i.tags,
            range,
          })),
        };
      },
    }));
    disposables.push(reg.registerHoverProvider(language, {
      async provideHover(model, position) {
        const h = await ask('textDocument/hover', at(model, position));
        if (!h) return null;
        const contents = Array.isArray(h.contents) ? h.contents.map(markdown) : [markdown(h.contents)];
        return { contents, range: h.range ? toMonacoRange(h.range) : undefined };
      },
    }));
    disposables.push(reg.registerSignatureHelpProvider(language, {
      signatureHelpTriggerCharacters: ['(', ','],
      signatureHelpRetriggerCharacters: [','],
      async provideSignatureHelp(model, position) {
        const s = await ask('textDocument/signatureHelp', at(model, position));
        if (!s) return null;
        return {
          value: {
            signatures: s.signatures.map((sig) => ({
              label: sig.label,
              documentation: markdown(sig.documentation),
              parameters: (sig.parameters ?? []).map((p) => ({ label: p.label, documentation: markdown(p.documentation) })),
            })),
            activeSignature: s.activeSignature ?? 0,
            activeParameter: s.activeParameter ?? 0,
          },
          dispose() {},
        };
      },
    }));
    const locations = (list) => (list ?? []).map((l) => ({ uri: monaco.Uri.parse(l.uri), range: toMonacoRange(l.range) }));
    disposables.push(reg.registerDefinitionProvider(language, {
      async provideDefinition(model, position) {
        return locations(await ask('textDocument/definition', at(model, position)));
      },
    }));
    disposables.push(reg.registerReferenceProvider(language, {
      async provideReferences(model, position, context) {
        return locations(await ask('textDocument/references', {
          ...at(model, position), context: { includeDeclaration: context.includeDeclaration },
        }));
      },
    }));
    disposables.push(reg.registerRenameProvider(language, {
      async provideRenameEdits(model, position, newName) {
        const edit = await ask('textDocument/rename', { ...at(model, position), newName });
        return edit ? workspaceEdit(monaco, edit) : { edits: [], rejectReason: 'Nothing to rename here' };
      },
      async resolveRenameLocation(model, position) {
        const r = await ask('textDocument/prepareRename', at(model, position));
        if (!r) return { range: undefined, text: '', rejectReason: 'Nothing to rename here' };
        return { range: toMonacoRange(r.range ?? r), text: r.placeholder ?? model.getWordAtPosition(position)?.word ?? '' };
      },
    }));
    disposables.push(reg.registerDocumentHighlightProvider(language, {
      async provideDocumentHighlights(model, position) {
        const hs = await ask('textDocument/documentHighlight', at(model, position));
        return (hs ?? []).map((h) => ({ range: toMonacoRange(h.range), kind: (h.kind ?? 1) - 1 }));
      },
    }));
    const symbol = (s) => ({
      name: s.name, detail: s.detail ?? '', kind: s.kind - 1, tags: [],
      range: toMonacoRange(s.range), selectionRange: toMonacoRange(s.selectionRange),
      children: (s.children ?? []).map(symbol),
    });
    disposables.push(reg.registerDocumentSymbolProvider(language, {
      async provideDocumentSymbols(model) {
        return (await ask('textDocument/documentSymbol', doc(model)) ?? []).map(symbol);
      },
    }));
    disposables.push(reg.registerDocumentFormattingEditProvider(language, {
      async provideDocumentFormattingEdits(model, options) {
        const edits = await ask('textDocument/formatting', { ...doc(model), options: { tabSize: options.tabSize, insertSpaces: options.insertSpaces } });
        return (edits ?? []).map((e) => ({ range: toMonacoRange(e.range), text: e.newText }));
      },
    }));
    disposables.push(reg.registerCodeActionProvider(language, {
      async provideCodeActions(model, range, context) {
        const uri = model.uri.toString();
        const lspRange = toLspRange(range);
        const inRange = (diagnostics.get(uri) ?? []).filter((d) => d.range.end.line >= lspRange.start.line && d.range.start.line <= lspRange.end.line);
        const actions = await ask('textDocument/codeAction', { ...doc(model), range: lspRange, context: { diagnostics: inRange } }) ?? [];
        return {
          // a disabled action (no edit) still tells why, e.g. "Convert to Rego v0"
          actions: actions.filter((a) => a.edit || a.disabled).map((a) => ({
            title: a.title,
            kind: a.kind,
            isPreferred: a.isPreferred,
            disabled: a.disabled?.reason,
            diagnostics: context.markers.filter((m) => m.owner === MARKER_OWNER),
            edit: a.edit ? workspaceEdit(monaco, a.edit) : undefined,
          })),
          dispose() {},
        };
      },
    }));
    disposables.push(reg.registerFoldingRangeProvider(language, {
      async provideFoldingRanges(model) {
        return (await ask('textDocument/foldingRange', doc(model)) ?? []).map((f) => ({
          start: f.startLine + 1,
          end: f.endLine + 1,
          kind: f.kind ? reg.FoldingRangeKind.fromValue(f.kind) : undefined,
        }));
      },
    }));
    disposables.push(reg.registerSelectionRangeProvider(language, {
      async provideSelectionRanges(model, positions) {
        const rs = await ask('textDocument/selectionRange', { ...doc(model), positions: positions.map(toLspPosition) }) ?? [];
        return rs.map((r) => {
          const chain = [];
          for (let x = r; x; x = x.parent) chain.push({ range: toMonacoRange(x.range) });
          return chain;
        });
      },
    }));
    // "Run test" / "Run all tests" over test rules: the commands become a DOM event the page handles (Tests tab)
    disposables.push(reg.registerCodeLensProvider(language, {
      async provideCodeLenses(model) {
        const lenses = await ask('textDocument/codeLens', doc(model)) ?? [];
        return {
          lenses: lenses.map((l) => ({
            range: toMonacoRange(l.range),
            command: l.command ? { id: LENS_COMMAND, title: l.command.title, arguments: [l.command.command, ...(l.command.arguments ?? [])] } : undefined,
          })),
          dispose() {},
        };
      },
    }));
    disposables.push(reg.registerInlayHintsProvider(language, {
      async provideInlayHints(model, range) {
        const hs = await ask('textDocument/inlayHint', { ...doc(model), range: toLspRange(range) }) ?? [];
        return {
          hints: hs.map((h) => ({
            label: typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''),
            position: toMonacoPosition(h.position),
            kind: h.kind === 2 ? reg.InlayHintKind.Parameter : reg.InlayHintKind.Type,
            paddingRight: h.paddingRight,
          })),
          dispose() {},
        };
      },
    }));
  }
  return { dispose: () => disposables.forEach((d) => d.dispose()), diagnostics };
}

/** Registers semantic tokens with the legend the server announced (editors need 'semanticHighlighting.enabled'). */
export function attachSemanticTokens(monaco, client, legend) {
  return LANGUAGES.map((language) => monaco.languages.registerDocumentSemanticTokensProvider(language, {
    getLegend: () => legend,
    async provideDocumentSemanticTokens(model) {
      if (!isOpen(client, model.uri.toString())) return null;
      let r = null;
      try {
        r = await client.request('textDocument/semanticTokens/full', { textDocument: { uri: model.uri.toString() } });
      } catch (error) {
        return null;
      }
      return r ? { data: Uint32Array.from(r.data) } : null;
    },
    releaseDocumentSemanticTokens() {},
  }));
}
