// Applies docs/installing.md to a fresh app from @backstage/create-app (used by
// scripts/install-check.sh). Every change here is a step of that checklist; keep them in step.
//
// usage: node scripts/install-check-apply.mjs <repo root> <app dir> <frontend port> <backend port> <ci token>
//          [<unpacked @backstage/create-app package>]
import fs from 'node:fs';
import path from 'node:path';

const [root, app, frontendPort, backendPort, ciToken, createAppDir] =
  process.argv.slice(2);
if (!ciToken) {
  throw new Error(
    'usage: install-check-apply.mjs <root> <app> <frontendPort> <backendPort> <ciToken>',
  );
}

const readJson = file => JSON.parse(fs.readFileSync(file, 'utf8'));
const writeJson = (file, value) =>
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
const edit = (file, from, to) => {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) {
    throw new Error(
      `${file}: the template changed, '${from.split('\n')[0]}' is not there`,
    );
  }
  fs.writeFileSync(file, text.replace(from, to));
};

// Step 0 (not an install step): pin the app's @backstage packages to the Backstage 1.55.0 release,
// the one the suite supports. create-app writes caret ranges and, without its seed yarn.lock
// (fetched from GitHub, unreachable here), Yarn takes the newest of each: the template alone then
// fails to start (signals-backend 0.3.21 of the November
// release needs backend-defaults 0.19, the template's range gives 0.18.0). The versions: create-app's
// own table (dist/{packages,plugins}/<dir>/package.json.cjs.js) for the template's packages, this
// repository's lockfile (Backstage 1.55) for the rest.
const pins = {};
if (createAppDir) {
  const lock = readJson(path.join(root, 'package-lock.json'));
  for (const [key, value] of Object.entries(lock.packages)) {
    const match = key.match(/^node_modules\/(@backstage\/[^/]+)$/);
    if (match) pins[match[1]] = value.version;
  }
  for (const [kind, prefix] of [
    ['packages', '@backstage/'],
    ['plugins', '@backstage/plugin-'],
  ]) {
    const base = path.join(createAppDir, 'dist', kind);
    for (const dir of fs.readdirSync(base)) {
      const file = path.join(base, dir, 'package.json.cjs.js');
      const version = fs.existsSync(file)
        ? fs.readFileSync(file, 'utf8').match(/var version = "([^"]+)"/)?.[1]
        : undefined;
      if (version) pins[`${prefix}${dir}`] = version;
    }
  }
}

// Step 1: every tarball into vendor/, each package resolved to its tarball (`resolutions`), so
// the packages' dependencies on each other are found in one install.
const stage = path.join(root, '.cache/packages/stage');
const vendor = path.join(app, 'vendor/release-orchestration');
fs.mkdirSync(vendor, { recursive: true });
const rootPkg = readJson(path.join(app, 'package.json'));
rootPkg.resolutions = { ...rootPkg.resolutions, ...pins };
for (const dir of fs.readdirSync(stage)) {
  const { name, version } = readJson(path.join(stage, dir, 'package.json'));
  const tarball = `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
  fs.copyFileSync(
    path.join(root, '.cache/packages', tarball),
    path.join(vendor, tarball),
  );
  rootPkg.resolutions[name] = `file:./vendor/release-orchestration/${tarball}`;
}
writeJson(path.join(app, 'package.json'), rootPkg);

// Step 2: the dependencies, as they will read once the packages are published.
const addDependencies = (pkgDir, deps) => {
  const file = path.join(app, pkgDir, 'package.json');
  const pkg = readJson(file);
  for (const dep of deps) pkg.dependencies[dep] = '^0.1.0';
  writeJson(file, pkg);
};
addDependencies('packages/backend', [
  '@release-orchestration/plugin-release-orchestration-backend',
  '@release-orchestration/plugin-scaffolder-backend-module-release-orchestration',
]);
addDependencies('packages/app', [
  '@release-orchestration/plugin-release-orchestration',
]);

// Step 3: the backend plugin and the scaffolder module. The frontend needs no code: the
// template's `app.packages: all` discovers the plugin from packages/app/package.json.
edit(
  path.join(app, 'packages/backend/src/index.ts'),
  'backend.start();',
  `// release orchestration plugin
backend.add(import('@release-orchestration/plugin-release-orchestration-backend'));
backend.add(
  import('@release-orchestration/plugin-scaffolder-backend-module-release-orchestration'),
);

backend.start();`,
);

// Step 4: config (app-config.local.yaml is merged over app-config.yaml by `yarn start`; the
// ports only keep the check off the machine's other Backstage instances).
fs.writeFileSync(
  path.join(app, 'app-config.local.yaml'),
  `app:
  baseUrl: http://localhost:${frontendPort}
backend:
  baseUrl: http://localhost:${backendPort}
  listen:
    port: ${backendPort}
  cors:
    origin: http://localhost:${frontendPort}
    methods: [GET, HEAD, PATCH, POST, PUT, DELETE]
    credentials: true
  auth:
    externalAccess:
      - type: static
        options:
          token: ${ciToken}
          subject: ci-pipeline
        accessRestrictions:
          - plugin: release-orchestration
            permission:
              - release-orchestration.release.read
              - release-orchestration.build.report
              - release-orchestration.release.create
              - release-orchestration.evidence.create
              - release-orchestration.promotion.create
              - release-orchestration.deployment.report
          - plugin: catalog
            permission:
              - catalog.entity.read
releaseOrchestration:
  environments:
    - name: staging
      title: Staging
    - name: production
      title: Production
      approvers: [group:default/release-managers]
      minApprovals: 1
      separationOfDuties: true
`,
);

// Step 5: catalog prerequisites: the approver Group exists, the Component names its System
// (spec.system, already so in the template), and both opt in by annotation.
fs.appendFileSync(
  path.join(app, 'examples/org.yaml'),
  `---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: release-managers
spec:
  type: team
  children: []
  members: [guest]
`,
);
const entities = path.join(app, 'examples/entities.yaml');
for (const name of ['examples', 'example-website']) {
  edit(
    entities,
    `  name: ${name}\nspec:`,
    `  name: ${name}\n  annotations:\n    release-orchestration.io/enabled: 'true'\nspec:`,
  );
}
console.log(`applied docs/installing.md to ${app}`);
