import fc from 'fast-check';
import { findInputProblem, MAX_INPUT_DEPTH, unstorableText } from '../../src/common/input-hygiene';
import { INT4_MAX, parseStrictNumber, VERSION_NUMBER } from '../../src/common/strict-number';

describe('unstorableText', () => {
  it('finds NUL and lone surrogates, with their position, and passes whole surrogate pairs', () => {
    expect(unstorableText('条款\u0000')).toBe('contains a NUL character at character 2');
    expect(unstorableText('a\udc00')).toMatch(/lone surrogate \(U\+DC00\) at character 1/);
    expect(unstorableText('a\ud800b')).toMatch(/U\+D800/);
    expect(unstorableText('\ud83d')).toMatch(/U\+D83D/); // a high surrogate at the very end
    expect(unstorableText('𠀀😀 第十六稿 \uFFFD \uFEFF')).toBeNull();
  });

  it('agrees with the well-formedness of the string as UTF-8 would see it, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const storable = !s.includes('\u0000') && Buffer.from(s, 'utf8').toString('utf8') === s;
        expect(unstorableText(s) === null).toBe(storable);
      }),
    );
  });

  it('scans 2 MB of text in well under a second', () => {
    const text = '第一条 内容。'.repeat(300_000);
    const started = performance.now();
    expect(unstorableText(`${text}\u0000`)).toMatch(/NUL/);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('findInputProblem', () => {
  it('names the first bad string by its path, keys included', () => {
    expect(findInputProblem({ quote: { exact: 'ok', prefix: 'a\u0000' } }, 'body')).toEqual({
      field: 'body.quote.prefix',
      problem: 'contains a NUL character at character 1',
    });
    expect(findInputProblem({ ids: ['a', 'b\udc00'] }, 'body')?.field).toBe('body.ids[1]');
    expect(findInputProblem({ ['k\u0000']: 1 }, 'body')).toMatchObject({
      field: 'body',
      problem: expect.stringMatching(/field name that contains a NUL/),
    });
    expect(findInputProblem('x\u0000', 'query.clause')?.field).toBe('query.clause');
    expect(findInputProblem({ title: '标题', n: 1, ok: true, none: null, list: [1, 'a'] }, 'body')).toBeNull();
  });

  it('refuses nesting past the limit without recursion, however deep', () => {
    const nest = (depth: number) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    expect(findInputProblem(nest(MAX_INPUT_DEPTH), 'body')).toBeNull();
    expect(findInputProblem(nest(MAX_INPUT_DEPTH + 1), 'body')).toEqual({
      field: 'body',
      problem: `is nested more than ${MAX_INPUT_DEPTH} levels deep`,
    });
    expect(findInputProblem(nest(1_000_000), 'body')?.problem).toMatch(/nested/);
  });

  it('does not enter binary data or objects made by the server', () => {
    expect(findInputProblem({ originalname: 'a.txt', buffer: Buffer.from('\u0000') }, 'file')).toBeNull();
    expect(findInputProblem({ at: new Date() }, 'body')).toBeNull();
  });
});

describe('parseStrictNumber', () => {
  it('takes decimal digits only, within the range', () => {
    expect(parseStrictNumber('1', VERSION_NUMBER)).toBe(1);
    expect(parseStrictNumber(String(INT4_MAX), VERSION_NUMBER)).toBe(INT4_MAX);
    expect(parseStrictNumber(7, VERSION_NUMBER)).toBe(7);
    for (const bad of [
      '2147483648',
      '0',
      '0x2',
      ' 2',
      '2 ',
      '+2',
      '-2',
      '1e3',
      '2.0',
      '２',
      '',
      '99999999999999999999',
      2147483648,
      0,
      1.5,
      NaN,
      Infinity,
      null,
      true,
      ['2'],
      {},
    ]) {
      expect([bad, parseStrictNumber(bad, VERSION_NUMBER)]).toEqual([bad, undefined]);
    }
  });

  it('takes a decimal fraction where the range allows one', () => {
    const range = { min: 0.5, max: 1, integer: false };
    expect(parseStrictNumber('0.85', range)).toBe(0.85);
    expect(parseStrictNumber(1, range)).toBe(1);
    for (const bad of ['.5', '0.4', '1.01', '0x1', '5e-1', ' 0.9'])
      expect([bad, parseStrictNumber(bad, range)]).toEqual([bad, undefined]);
  });
});
