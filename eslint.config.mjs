import nx from '@nx/eslint-plugin';

// Who may import whom. Scope: which side of the wire; type: what kind of project.
// The console never reaches the API; the shared libraries import no framework at all.
const frameworks = [
  '@angular/*',
  '@nestjs/*',
  'typeorm',
  'express',
  'express-*',
  'rxjs',
  'class-validator',
  'class-transformer',
  'pg',
  'better-sqlite3',
];

// The console's rooms: a feature imports core/, shared/, its own folder and the libraries, never
// another feature (what two features need goes to shared/). Dynamic import() is not checked: the
// route tables lazy-load the features' pages with it.
const consoleFeatures = ['sign-in', 'admin', 'platform', 'profile', 'shell'];
const consoleRooms = consoleFeatures.map((feature) => ({
  files: [`apps/console/src/app/${feature}/**/*.ts`, `src/app/${feature}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: consoleFeatures
          .filter((other) => other !== feature)
          .map((other) => ({
            group: [`**/${other}`, `**/${other}/**`],
            message: `Console features never import each other: ${feature}/ may not import ${other}/. Move what both use to shared/ (or core/).`,
          })),
      },
    ],
  },
}));

// API files by their path below src/, in both spellings: the root config sees paths from the
// root, the API's own config from apps/api.
const apiFiles = (globs) => globs.flatMap((glob) => [`apps/api/src/${glob}`, `src/${glob}`]);
const expressAtTheEdge = ['express'].map((name) => ({
  name,
  message: 'HTTP stays at the edge: take an Attempt and the SessionPort (sign-in/session-port.ts) instead.',
}));

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/test-output', '**/playwright-report'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:console', 'scope:shared'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
            // The sample application signs in exactly as a customer's app would: nothing of ours.
            { sourceTag: 'scope:sample', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: frameworks,
            },
            {
              sourceTag: 'type:policy',
              onlyDependOnLibsWithTags: ['type:contracts'],
              bannedExternalImports: frameworks,
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:policy'],
            },
          ],
        },
      ],
    },
  },
  {
    // HTTP stays at the edge: services and stores get plain values and the session port, never
    // Express (controllers, guards, strategies and the session port's HTTP side may).
    files: apiFiles(['**/*.service.ts', '**/*-store.ts', '**/*.store.ts', 'sign-in/session-port.ts']),
    rules: { 'no-restricted-imports': ['error', { paths: expressAtTheEdge }] },
  },
  {
    // The API's rooms: factors/ is the layer below the sign-in machine and never reaches up into
    // it; nothing in it sees Express either.
    files: apiFiles(['factors/**/*.ts']),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: expressAtTheEdge,
          patterns: [
            {
              group: ['**/sign-in', '**/sign-in/*'],
              message: 'factors/ is the layer below the sign-in machine: it never imports sign-in/.',
            },
          ],
        },
      ],
    },
  },
  ...consoleRooms,
];
