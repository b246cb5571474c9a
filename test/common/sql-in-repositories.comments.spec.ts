import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * SQL lives in each area's repositories; services compose (docs/design.md: "repositories hold the SQL"). A service
 * that writes a statement or runs a query itself fails here. To hold another area to it, add it to AREAS, with any
 * file beside its services that must stay free of SQL too.
 */
const AREAS: { area: string; also?: string[] }[] = [{ area: 'comments', also: ['whole-clause-batcher.ts'] }];

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

/** The area's services and the other files named; a named file that is not there fails the test. */
function checkedFiles(area: string, also: string[] = []): string[] {
  const dir = join(__dirname, '..', '..', 'src', area);
  const present = readdirSync(dir);
  expect(also.filter((f) => !present.includes(f))).toEqual([]);
  return present.filter((f) => f.endsWith('.service.ts') || also.includes(f));
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

  for (const { area, also } of AREAS) {
    it(`${area}: its services hold no SQL`, () => {
      const files = checkedFiles(area, also);
      expect(files.length).toBeGreaterThan(0);
      const dir = join(__dirname, '..', '..', 'src', area);
      const found = files.flatMap((f) => sqlIn(readFileSync(join(dir, f), 'utf8')).map((s) => `src/${area}/${f} ${s}`));
      expect(found).toEqual([]);
    });
  }
});
