module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // The demo data modules are demo-portal code of this monorepo: they seed through the
      // backend plugin's own stores and services (as the benchmark does), which the published
      // plugin does not export.
      files: ['src/demoData/**'],
      rules: {
        '@backstage/no-forbidden-package-imports': 'off',
      },
    },
  ],
});
