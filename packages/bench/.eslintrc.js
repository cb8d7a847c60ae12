module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // A private harness of this monorepo: it drives the backend plugin's stores and services
    // directly (as the plugin's own tests do) and runs the plugin in a backend of its own.
    '@backstage/no-forbidden-package-imports': 'off',
    '@backstage/no-mixed-plugin-imports': 'off',
  },
});
