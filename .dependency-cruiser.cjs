/**
 * The one-way layering of src/ (issue 11): the dossier core at the bottom, submission and the
 * workflow above it, reporting, integrations and notifications above those. A cycle between two
 * domain folders fails `npm test` (`npm run check:deps`).
 * Bottom to top: config, common → database, audit → units, registry → identity → calendar,
 * catalog, outbox → dossiers → files, signing, documents → workflow → submission, slips →
 * notifications, integrations, payments, partners, satisfaction, reporting, stubs → ops, web, cli.
 * The root files (main.ts, app.module.ts, seeds.ts…) compose everything and are outside the graph.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle-between-domain-folders',
      severity: 'error',
      comment: 'Two folders of src/ depend on each other (directly or through others): move the shared piece down a layer.',
      scope: 'folder',
      from: { path: '^src/[^/]+$' },
      to: { path: '^src/[^/]+$', circular: true },
    },
    {
      name: 'no-circular-modules',
      severity: 'error',
      comment: 'A module imports itself through others.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'core-stays-at-the-bottom',
      severity: 'error',
      comment: 'The dossier core must not know its callers (submission, workflow, slips, reporting, integrations…).',
      from: { path: '^src/dossiers/' },
      to: { path: '^src/(submission|workflow|slips|files|signing|documents|reporting|integrations|notifications|payments|partners|satisfaction|stubs|ops|web|cli)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
  },
};
