/**
 * Two projects: `unit` (pure logic beside the code, no services) and `e2e`
 * (the real app against real PostgreSQL and Redis; each test file gets its
 * own database cloned from a migrated template, and its own Redis prefix).
 *
 * NestJS 12 ships as ES modules. Node runs them from our CommonJS build
 * (require(esm)), but Jest's module loader cannot on Node 20, so the ESM
 * packages are transpiled to CommonJS by SWC along with our TypeScript.
 * Type checking is `npm run typecheck`; Jest only transpiles, for speed.
 */
const fs = require('node:fs');
const path = require('node:path');

function esmPackages() {
  const root = path.join(__dirname, 'node_modules');
  const names = [];
  const visit = (dir, scope) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      if (!scope && entry.name.startsWith('@')) {
        visit(path.join(dir, entry.name), entry.name);
        continue;
      }
      const name = scope ? `${scope}/${entry.name}` : entry.name;
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, entry.name, 'package.json'), 'utf8'));
        if (pkg.type === 'module') names.push(name);
      } catch {
        // not a package
      }
    }
  };
  visit(root, null);
  return names;
}

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const transformIgnorePatterns = [`/node_modules/(?!(${esmPackages().map(escape).join('|')})/)`];

const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
const transform = {
  '^.+\\.ts$': ['@swc/jest', swc],
  '^.+\\.m?js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
};

const common = { testEnvironment: 'node', rootDir: __dirname, transform, transformIgnorePatterns };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
    },
  ],
  // A global option (Jest ignores it per project). Generous: e2e tests share two cores with the services.
  testTimeout: 60000,
};
