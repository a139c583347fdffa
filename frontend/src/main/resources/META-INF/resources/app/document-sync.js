// Keeps the language server's copy of each editor model current: didOpen when a session
// starts (again, after every reconnect), then the full text on every edit (the server
// announced full sync).

export function syncDocuments(client, models) {
  for (const model of models) {
    model.onDidChangeContent(() => {
      client.notify('textDocument/didChange', {
        textDocument: { uri: model.uri.toString(), version: model.getVersionId() },
        contentChanges: [{ text: model.getValue() }],
      });
    });
  }

  return function openAll() {
    for (const model of models) {
      client.notify('textDocument/didOpen', {
        textDocument: {
          uri: model.uri.toString(),
          languageId: model.getLanguageId(),
          version: model.getVersionId(),
          text: model.getValue(),
        },
      });
    }
  };
}
