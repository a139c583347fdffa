// Hover in the Rego editor: the value a rule or variable took in the last evaluation of the selected
// sample. Monaco shows this provider's part under the language server's hover (both are registered for
// 'rego'). The values come from the evaluator: an `explain` request with `values: true` for the selected
// sample (see the backend's EvalProtocol), asked on the first hover after each result and reused until
// the next one — nothing runs while typing.

const MAX_SHOWN = 5;

/**
 * @param moduleOf   Monaco model → template module ('rego', 'lib:<i>') or undefined
 * @param current    () → { version, sample, constraint } of the sample to explain, or null
 * @param explain    (sample, constraint) → Promise of the explanation with values
 */
export function registerEvaluationHover(monaco, { moduleOf, current, explain }) {
  let cache = { key: '', promise: null };
  const valuesFor = (target) => {
    const key = `${target.version}:${target.sample.index}:${target.constraint}`;
    if (cache.key !== key) {
      const promise = explain(target.sample.index, target.constraint).catch(() => null);
      cache = { key, promise };
    }
    return cache.promise;
  };

  return monaco.languages.registerHoverProvider('rego', {
    async provideHover(model, position) {
      const module = moduleOf(model);
      const word = model.getWordAtPosition(position);
      const target = current();
      if (!module || !word || !target) return null;
      const explanation = await valuesFor(target);
      if (!explanation || model.isDisposed()) return null;
      const values = valuesAt(explanation.values ?? [], module, position.lineNumber, word.word);
      if (!values) return null;
      return {
        range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
        contents: [{ value: hoverText(word.word, values, target.sample.name, explanation.version) }],
      };
    },
  });
}

/** The values of `name` at a line of a module: a variable of the enclosing rule, else a rule's value. */
export function valuesAt(entries, module, line, name) {
  const inModule = entries.filter((e) => e.module === module);
  const enclosing = inModule.find((e) => e.startLine <= line && line <= e.endLine);
  const vars = enclosing?.vars?.[name];
  if (vars?.length) return { kind: 'variable', list: vars };
  const rule = inModule.find((e) => e.name === name && e.value != null) ?? entries.find((e) => e.name === name && e.value != null);
  if (rule) return { kind: 'rule', list: [rule.value] };
  return null;
}

function hoverText(name, values, sample, version) {
  const shown = values.list.slice(0, MAX_SHOWN).map(pretty).join('\n');
  const many = values.list.length > 1 ? ` (${values.list.length} values${values.list.length >= MAX_SHOWN ? ' or more' : ''})` : '';
  return `**Last evaluation** of sample \`${sample.replace(/`/g, "'")}\`, v${version}: ${values.kind} \`${name}\`${many}\n\n`
    + `\`\`\`json\n${shown}\n\`\`\``;
}

function pretty(json) {
  if (json.length > 80) {
    try {
      return JSON.stringify(JSON.parse(json), null, 2);
    } catch (e) {
      // truncated by the backend: as is
    }
  }
  return json;
}
