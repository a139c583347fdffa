// Editor themes matched to studio.css (GitHub's dark and light palettes), and the switch
// between them. The choice is kept in localStorage; the page's colours follow
// <html data-theme>, Monaco's follow monaco.editor.setTheme.

export const DARK = 'studio-dark';
export const LIGHT = 'studio-light';
const STORAGE_KEY = 'gkstudio.theme';

export function defineThemes(monaco) {
  monaco.editor.defineTheme(DARK, {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: 'ff7b72' },
      { token: 'constant', foreground: '79c0ff' },
      { token: 'number', foreground: '79c0ff' },
      { token: 'string', foreground: 'a5d6ff' },
      { token: 'string.escape', foreground: '79c0ff' },
      { token: 'string.invalid', foreground: 'ffa198' },
      { token: 'comment', foreground: '8b949e', fontStyle: 'italic' },
      { token: 'operator', foreground: 'ff7b72' },
      { token: 'function', foreground: 'd2a8ff' },
      { token: 'identifier', foreground: 'e6edf3' },
      { token: 'delimiter', foreground: 'c9d1d9' },
      // semantic tokens of the language server (types of its legend, with modifiers after a dot)
      { token: 'namespace', foreground: 'ffa657' },
      { token: 'property', foreground: '79c0ff' },
      { token: 'parameter', foreground: 'e6edf3', fontStyle: 'italic' },
      { token: 'variable.declaration', foreground: 'd2a8ff' },
      // Monaco's YAML grammar tags mapping keys as `type`.
      { token: 'type.yaml', foreground: '7ee787' },
      { token: 'keyword.yaml', foreground: '79c0ff' },
      { token: 'operators.directivesEnd.yaml', foreground: '8b949e' },
    ],
    colors: {
      'editor.background': '#0d1117',
      'editor.foreground': '#e6edf3',
      'editor.lineHighlightBackground': '#161b22',
      'editor.lineHighlightBorder': '#00000000',
      'editor.selectionBackground': '#264f78',
      'editorLineNumber.foreground': '#484f58',
      'editorLineNumber.activeForeground': '#c9d1d9',
      'editorCursor.foreground': '#58a6ff',
      'editorIndentGuide.background1': '#21262d',
      'editorGutter.background': '#0d1117',
      'editorOverviewRuler.border': '#00000000',
      'editorWidget.background': '#161b22',
      'editorWidget.border': '#30363d',
      'scrollbarSlider.background': '#484f5833',
      'scrollbarSlider.hoverBackground': '#484f5866',
    },
  });
  monaco.editor.defineTheme(LIGHT, {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: 'cf222e' },
      { token: 'constant', foreground: '0550ae' },
      { token: 'number', foreground: '0550ae' },
      { token: 'string', foreground: '0a3069' },
      { token: 'string.escape', foreground: '0550ae' },
      { token: 'comment', foreground: '6e7781', fontStyle: 'italic' },
      { token: 'operator', foreground: 'cf222e' },
      { token: 'function', foreground: '8250df' },
      { token: 'identifier', foreground: '1f2328' },
      { token: 'namespace', foreground: '953800' },
      { token: 'property', foreground: '0550ae' },
      { token: 'parameter', foreground: '1f2328', fontStyle: 'italic' },
      { token: 'variable.declaration', foreground: '8250df' },
      { token: 'type.yaml', foreground: '116329' },
      { token: 'keyword.yaml', foreground: '0550ae' },
    ],
    colors: {
      'editor.background': '#ffffff',
      'editor.foreground': '#1f2328',
      'editor.lineHighlightBackground': '#f6f8fa',
      'editor.lineHighlightBorder': '#00000000',
      'editorLineNumber.foreground': '#8c959f',
      'editorGutter.background': '#ffffff',
      'editorOverviewRuler.border': '#00000000',
    },
  });
}

// Kept for callers of the first version of this module.
export const THEME = DARK;
export function defineTheme(monaco) {
  defineThemes(monaco);
}

export function initialTheme() {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return 'dark';
}

export function applyTheme(monaco, mode) {
  document.documentElement.dataset.theme = mode;
  monaco?.editor.setTheme(mode === 'light' ? LIGHT : DARK);
  localStorage.setItem(STORAGE_KEY, mode);
}
