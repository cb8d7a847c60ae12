// Part of scripts/install-check.sh: in the installed app, does the frontend plugin use the same
// copy of the frontend framework packages as the app (packages/app) or as the app's catalog
// plugin (which owns the entity pages)? A second copy (say plugin-catalog-react 3.x nested under
// the plugin beside the app's 4.x) means the suite's dependency ranges are behind the app's
// Backstage release. Prints one line a package; exits 1 on a split.
//
// usage: node scripts/install-check-tree.mjs <app dir>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const appDir = path.resolve(process.argv[2]);
const app = createRequire(path.join(appDir, 'packages/app/package.json'));
const requireFrom = pkg =>
  createRequire(fs.realpathSync(app.resolve(`${pkg}/package.json`)));
const resolvers = {
  app,
  catalog: requireFrom('@backstage/plugin-catalog'),
  ours: requireFrom('@release-orchestration/plugin-release-orchestration'),
};
const locate = (resolver, pkg) => {
  try {
    const file = fs.realpathSync(resolver.resolve(`${pkg}/package.json`));
    return {
      dir: path.relative(appDir, path.dirname(file)),
      version: JSON.parse(fs.readFileSync(file, 'utf8')).version,
    };
  } catch {
    return undefined;
  }
};

let split = false;
for (const pkg of [
  '@backstage/plugin-catalog-react',
  '@backstage/frontend-plugin-api',
  '@backstage/core-plugin-api',
  '@backstage/core-components',
  '@backstage/core-compat-api',
  '@backstage/plugin-permission-react',
  'react',
  'react-dom',
  'react-router-dom',
]) {
  const ours = locate(resolvers.ours, pkg);
  const others = [
    locate(resolvers.app, pkg),
    locate(resolvers.catalog, pkg),
  ].filter(Boolean);
  const same = ours && others.some(o => o.dir === ours.dir);
  if (ours && others.length > 0 && !same) split = true;
  console.log(
    `  ${same || !ours ? 'ok   ' : 'SPLIT'} ${pkg}: plugin ${
      ours ? ours.version : '-'
    }, app ${others.map(o => o.version).join(' / ') || '-'}${
      same || !ours ? '' : ` (plugin's copy: ${ours.dir})`
    }`,
  );
}
process.exit(split ? 1 : 0);
