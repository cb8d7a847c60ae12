#!/usr/bin/env node
/* eslint-disable */
// Runs the compiled CLI (dist/, in the published package) or, inside the repository where the
// TypeScript sources are present, transpiles them with the repository's `typescript`. Inside the
// repository the transpiled files are cached on disk (keyed by path, size and mtime), so only
// the first run after a change pays for loading the compiler: pipelines and the CLI's own
// end-to-end tests start it hundreds of times.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');

const source = path.resolve(__dirname, '../src/index.ts');
if (fs.existsSync(source)) {
  const cacheDir = path.join(
    os.tmpdir(),
    `release-orchestration-cli-${process.getuid?.() ?? 'user'}`,
  );
  let ts;
  const transpile = (filename, text) => {
    ts = ts ?? require('typescript');
    return ts.transpileModule(text, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    }).outputText;
  };
  require.extensions['.ts'] = (module, filename) => {
    const stat = fs.statSync(filename);
    const key = crypto
      .createHash('sha256')
      .update(`${filename}\0${stat.size}\0${stat.mtimeMs}`)
      .digest('hex');
    const cached = path.join(cacheDir, `${key}.js`);
    let output;
    try {
      output = fs.readFileSync(cached, 'utf8');
    } catch {
      output = transpile(filename, fs.readFileSync(filename, 'utf8'));
      try {
        fs.mkdirSync(cacheDir, { recursive: true });
        // Written under a unique name and renamed, so concurrent runs never read half a file.
        const tmp = `${cached}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, output);
        fs.renameSync(tmp, cached);
      } catch {
        // A read-only temp directory only costs speed.
      }
    }
    module._compile(output, filename);
  };
  require(source).run();
} else {
  require('../dist/index.js').run();
}
