// The editor theme, matched to studio.css so editors and chrome read as one surface.
// Colours follow GitHub's dark palette.

export const THEME = 'studio-dark';

export function defineTheme(monaco) {
  monaco.editor.defineTheme(THEME, {
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
}
