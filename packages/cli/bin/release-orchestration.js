#!/usr/bin/env node
/* eslint-disable */
// Runs the compiled CLI (dist/, in the published package) or, inside the repository where the
// TypeScript sources are present, compiles them in memory with the repository's `typescript`.
const fs = require('node:fs');
const path = require('node:path');

const source = path.resolve(__dirname, '../src/index.ts');
if (fs.existsSync(source)) {
  const ts = require('typescript');
  require.extensions['.ts'] = (module, filename) => {
    const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    module._compile(outputText, filename);
  };
  require(source).run();
} else {
  require('../dist/index.js').run();
}
