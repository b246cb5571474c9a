import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * SQL lives in each area's repositories; services compose (docs/design.md: "repositories hold the SQL"). A service or
 * controller that writes a statement or runs a query itself fails here, as do the files named in ALSO (use cases and
 * access rules that are neither). Infrastructure (src/database, src/audit, src/demo) and repositories are not checked.
 */
const SRC = join(__dirname, '..', '..', 'src');
const ALSO = [
  'comments/whole-clause-batcher.ts',
  'consultations/version-access.ts',
  'documents/version-fast-path.ts',
  'live/access-invalidation.ts',
];

/** What counts as SQL: a statement's keywords in capitals, or running a query. */
const SQL: [string, RegExp][] = [
  ['SELECT', /\bSELECT\b/],
  ['INSERT INTO', /\bINSERT\s+INTO\b/],
  ['UPDATE … SET', /\bUPDATE\s+[\w."]+(\s+(AS\s+)?\w+)?\s+SET\b/],
  ['DELETE FROM', /\bDELETE\s+FROM\b/],
  ['.query(', /\.query\s*[<(]/],
  ['prepared(', /\bprepared\s*\(/],
];

/** The source without its comments (prose may name SQL), line numbers kept. */
function code(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, '')).replace(/(^|\s)\/\/.*$/gm, '$1');
}

/** Each line of `source` that holds SQL, as `line N: what`. */
function sqlIn(source: string): string[] {
  const found: string[] = [];
  code(source)
    .split('\n')
    .forEach((line, i) => {
      for (const [what, re] of SQL) if (re.test(line)) found.push(`line ${i + 1}: ${what}`);
    });
  return found;
}

/** Every service and controller under src, and the other files named (a named file that is not there fails). */
function checkedFiles(): string[] {
  const all = (readdirSync(SRC, { recursive: true }) as string[]).map((f) => f.split(sep).join('/'));
  expect(ALSO.filter((f) => !all.includes(f))).toEqual([]);
  return all.filter((f) => /\.(service|controller)\.ts$/.test(f) || ALSO.includes(f));
}

describe('SQL stays in the repositories', () => {
  it('finds SQL in code and not in comments', () => {
    const sample = [
      '/** Reads with a SELECT on comments. */',
      'const a = 1; // then UPDATE comments SET …',
      'await em.query<{ n: number }[]>(`SELECT 1`);',
      "await this.ds.query('DELETE FROM x WHERE id = $1', [id]);",
      "const q = prepared('x_v1', 'UPDATE comments c SET body = $1');",
      'sql = `INSERT INTO t (a) VALUES ($1)`;',
    ].join('\n');
    expect(sqlIn(sample)).toEqual([
      'line 3: SELECT',
      'line 3: .query(',
      'line 4: DELETE FROM',
      'line 4: .query(',
      'line 5: UPDATE … SET',
      'line 5: prepared(',
      'line 6: INSERT INTO',
    ]);
  });

  it('no service or controller holds SQL: repositories do, services compose', () => {
    const files = checkedFiles();
    expect(files.length).toBeGreaterThan(30);
    const found = files.flatMap((f) => sqlIn(readFileSync(join(SRC, f), 'utf8')).map((s) => `src/${f} ${s}`));
    expect(found).toEqual([]);
  });
});
