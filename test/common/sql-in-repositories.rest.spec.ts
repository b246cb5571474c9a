import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Services compose, repositories hold the SQL (design §6): no `*.service.ts` of these areas may contain a query.
 * Add an area here once its queries have moved into its repository.
 */
const AREAS = ['accounts', 'consultations', 'jobs', 'reports'];

const src = path.resolve(__dirname, '../../src');

/** What counts as SQL in a service: a statement's opening words, or a raw query call. */
const SQL: { what: string; pattern: RegExp }[] = [
  { what: 'SELECT', pattern: /\bSELECT\b/ },
  { what: 'INSERT INTO', pattern: /\bINSERT\s+INTO\b/ },
  { what: 'UPDATE … SET', pattern: /\bUPDATE\s+[\w".]+\s+SET\b/ },
  { what: 'DELETE FROM', pattern: /\bDELETE\s+FROM\b/ },
  { what: '.query(', pattern: /\.query\s*[(<]/ },
];

/** The source without its comments (a comment may name a statement), lines kept where they were. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:\\])\/\/.*$/gm, '$1');
}

/** "line: what" for every line of `source` that holds SQL. */
function sqlLines(source: string): string[] {
  return withoutComments(source)
    .split('\n')
    .flatMap((line, i) => SQL.filter((s) => s.pattern.test(line)).map((s) => `${i + 1}: ${s.what}`));
}

function services(area: string): string[] {
  return (fs.readdirSync(path.join(src, area), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.service.ts'))
    .map((f) => path.join(area, f))
    .sort();
}

describe('SQL lives in repositories', () => {
  it.each(AREAS)('no service of %s contains SQL', (area) => {
    const files = services(area);
    expect(files.length).toBeGreaterThan(0); // a renamed or misspelt area would otherwise pass unchecked
    const found = files.flatMap((f) =>
      sqlLines(fs.readFileSync(path.join(src, f), 'utf8')).map((hit) => `src/${f}:${hit}`),
    );
    expect(found).toEqual([]);
  });

  it('finds each kind of statement and raw query, and not the words in comments or prose', () => {
    const service = [
      'const a = await em.query<Row[]>(`SELECT id FROM users`);',
      "await this.ds.query('INSERT INTO jobs (kind) VALUES ($1)', [kind]);",
      'const b = `UPDATE consultations SET closes_at = now()`;',
      "const c = 'DELETE FROM sessions WHERE token_hash = $1';",
      'return em.query (sql);',
      '// SELECT in a comment, or UPDATE jobs SET in one',
      '/* DELETE FROM the cache',
      '   and INSERT INTO nothing */',
      "const words = 'select a group, then update its name'; // see https://example.org/q",
    ].join('\n');
    expect(sqlLines(service)).toEqual([
      '1: SELECT',
      '1: .query(',
      '2: INSERT INTO',
      '2: .query(',
      '3: UPDATE … SET',
      '4: DELETE FROM',
      '5: .query(',
    ]);
  });
});
