// The browser test is plain Node ESM (`.mjs`), type-checked through `// @ts-check` and the
// root tsconfig.json; scripts/test.sh lints it with `npx eslint e2e`. It is linted as a
// Node CLI, like the packages with that role.
module.exports =
  require('@backstage/cli/config/eslint-factory').createConfigForRole(
    require('node:path').resolve(__dirname, '..'),
    'cli',
    {
      parserOptions: { ecmaVersion: 2022 },
      env: { node: true },
      ignorePatterns: ['screenshots/**'],
      rules: { 'no-console': 'off' },
    },
  );
