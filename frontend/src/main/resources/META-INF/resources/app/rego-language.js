// Rego for Monaco: a Monarch tokenizer covering both Rego v0 and v1 syntax, plus the
// bracket and comment rules that make typing feel right.

export const REGO = 'rego';

const grammar = {
  defaultToken: '',
  tokenPostfix: '.rego',

  // v1 added `if`, `contains`, `every` and `in`; v0 policies use them after
  // `import future.keywords`, so one list serves both.
  keywords: [
    'package', 'import', 'as', 'default', 'else', 'not', 'some', 'every', 'in',
    'if', 'contains', 'with',
  ],
  constants: ['true', 'false', 'null'],
  operators: [':=', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '|', '&', '='],

  symbols: /[=><!:&|+\-*/%]+/,
  escapes: /\\(?:[\\"/bfnrt]|u[0-9A-Fa-f]{4})/,

  tokenizer: {
    root: [
      { include: '@whitespace' },
      // A name directly followed by `(` is a call: builtins and functions get their own colour.
      [/[a-zA-Z_][\w]*(?=\()/, { cases: { '@keywords': 'keyword', '@default': 'function' } }],
      [/[a-zA-Z_][\w]*/, {
        cases: { '@keywords': 'keyword', '@constants': 'constant', '@default': 'identifier' },
      }],
      [/[{}()[\]]/, '@brackets'],
      [/@symbols/, { cases: { '@operators': 'operator', '@default': '' } }],
      [/\d+(\.\d+)?([eE][+-]?\d+)?/, 'number'],
      [/[;,.]/, 'delimiter'],
      [/"([^"\\]|\\.)*$/, 'string.invalid'],
      [/"/, 'string', '@string'],
      [/`/, 'string', '@rawString'],
    ],
    string: [
      [/[^\\"]+/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/"/, 'string', '@pop'],
    ],
    // Raw strings have no escapes and may span lines.
    rawString: [
      [/[^`]+/, 'string'],
      [/`/, 'string', '@pop'],
    ],
    whitespace: [
      [/[ \t\r\n]+/, ''],
      [/#.*$/, 'comment'],
    ],
  },
};

const configuration = {
  comments: { lineComment: '#' },
  brackets: [['{', '}'], ['[', ']'], ['(', ')']],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string'] },
    { open: '`', close: '`', notIn: ['string'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"' },
    { open: '`', close: '`' },
  ],
};

export function registerRego(monaco) {
  monaco.languages.register({ id: REGO, extensions: ['.rego'], aliases: ['Rego'] });
  monaco.languages.setMonarchTokensProvider(REGO, grammar);
  monaco.languages.setLanguageConfiguration(REGO, configuration);
}
