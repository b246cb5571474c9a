/** Jest runs TypeScript through SWC. Nest 12 and a few of its dependencies ship ES modules only, so they are
 * transformed too; PGlite's CommonJS build uses a dynamic import(), hence --experimental-vm-modules in `npm test`. */
const swcConfig = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', swcConfig],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|nestjs-pino|uid|load-esm|file-type|strtok3|token-types|@tokenizer|uint8array-extras|diff)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 60000,
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};
