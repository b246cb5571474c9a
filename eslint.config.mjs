// ESLint flat config: typescript-eslint's type-checked rules everywhere, React hooks rules for the web app, and the
// import rules that keep the layering (docs/design.md §6): the text engine imports no framework or database, and one
// area reaches another only through what that area's Nest module exports.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Folders under src/ shared by every area (no module boundary of their own; http-cache: cached bytes and how to send them). */
const SHARED = new Set(['common', 'config', 'database', 'engine', 'audit', 'http-cache']);
/** Composition roots: they wire areas together and may import anything an area exports. */
const ROOTS = new Set(['cli', 'demo']);

/**
 * An area's public files: its module, its entities (the shared data model), its errors, its DTOs (request and
 * response), and the files that declare the providers its module exports. Read from the module file, so the rule
 * follows `exports: [...]`.
 */
function publicFiles(area) {
  const dir = join('src', area);
  const moduleFile = readdirSync(dir).find((f) => f.endsWith('.module.ts'));
  // `*.responses.ts` hold response DTO classes (the OpenAPI contract), public like the request DTOs: one area's
  // response may embed another's (a comment's author is an accounts user summary).
  const files = new Set(
    readdirSync(dir).filter((f) => /\.(module|entities|entity|errors|dto|responses|decorators)\.ts$/.test(f)),
  );
  if (!moduleFile) return [...files].map((f) => f.replace(/\.ts$/, ''));
  const source = readFileSync(join(dir, moduleFile), 'utf8');
  const exported =
    /exports:\s*\[([^\]]*)\]/
      .exec(source)?.[1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? [];
  for (const name of exported) {
    const from = new RegExp(`import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*'\\./([^']+)'`).exec(source)?.[1];
    if (from) files.add(`${from}.ts`);
  }
  return [...files].map((f) => f.replace(/\.ts$/, ''));
}

const areas = readdirSync('src', { withFileTypes: true })
  .filter((d) => d.isDirectory() && !SHARED.has(d.name) && !ROOTS.has(d.name))
  .map((d) => d.name);

/** For files in `area`: imports of another area's private files are refused. */
function boundaryRules(area) {
  const patterns = areas
    .filter((other) => other !== area)
    .map((other) => ({
      regex: `^\\.\\./${other}/(?!(${publicFiles(other).join('|')})$)`,
      message: `'${other}' is another area: import only what its module exports (${other}.module.ts), its entities, DTOs or errors.`,
    }));
  return { 'no-restricted-imports': ['error', { patterns }] };
}

const FRAMEWORK = [
  '@nestjs/*',
  'typeorm',
  'typeorm/*',
  'express',
  'pg',
  '@electric-sql/*',
  'nestjs-pino',
  'pino',
  'class-validator',
  'class-transformer',
  'rxjs',
];

export default defineConfig(
  {
    ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'test-output/**', 'bench-results/**', 'bin/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The compiler already reports unused names (noUnusedLocals/noUnusedParameters); `_` marks one kept on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
    },
  },
  // src/engine: pure text logic. Relative imports may not climb out of it (one level up from src/engine/*.ts, two
  // from src/engine/render/*.ts).
  ...[
    ['src/engine/*.ts', '^\\.\\./'],
    ['src/engine/*/*.ts', '^\\.\\./\\.\\./'],
  ].map(([files, outside]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: FRAMEWORK, message: 'src/engine is pure text logic: no framework or database imports.' },
            { regex: outside, message: 'src/engine imports nothing from the service around it.' },
          ],
        },
      ],
    },
  })),
  ...areas.map((area) => ({ files: [`src/${area}/**/*.ts`], rules: boundaryRules(area) })),
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    // Tests read HTTP answers through supertest, whose `res.body` is `any` by design; the tests assert each answer's
    // shape (and the contract tests validate it against the OpenAPI document), so the no-unsafe-* family would only
    // ask for casts that prove nothing. Everything else applies to tests as to the service.
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}', 'web/vite.config.ts'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      // An async handler on a JSX attribute is how Preact components start requests; typescript-eslint's own advice
      // for React code is to allow it there (a floating promise elsewhere is still an error).
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
);
