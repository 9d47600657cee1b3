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
    // The API's rooms: factors/ is the layer below the sign-in machine and never reaches up into
    // it. (Both spellings: the root config sees paths from the root, the API's from apps/api.)
    files: ['apps/api/src/factors/**/*.ts', 'src/factors/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
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
