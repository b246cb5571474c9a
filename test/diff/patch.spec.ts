import { applyPatch } from 'diff';
import { renderUnifiedPatch } from '../../src/engine/render/patch';
import { itCorpus, readCorpus } from '../support/corpus';

describe('renderUnifiedPatch', () => {
  const meta = { fromLabel: '第一稿', toLabel: '第二稿', fileName: 'measures.txt' };

  it('writes a unified diff that applies back', () => {
    const before = '第一条 总则。\n\n第二条 旧的规定。\n\n第三条 施行。\n';
    const after = '第一条 总则。\n\n第二条 新的规定。\n\n第三条 施行。\n';
    const patch = renderUnifiedPatch(before, after, meta);
    expect(patch).toContain('--- a/measures.txt\t第一稿');
    expect(patch).toContain('+++ b/measures.txt\t第二稿');
    expect(patch).toContain('-第二条 旧的规定。');
    expect(patch).toContain('+第二条 新的规定。');
    expect(applyPatch(before, patch)).toBe(after);
  });

  it('falls back to one whole hunk when the diff runs out of time, and it still applies', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `第${(i * 7919) % 3001}行`).join('\n');
    const after = Array.from({ length: 3000 }, (_, i) => `第${(i * 104729) % 3001}行`).join('\n') + '\n';
    const patch = renderUnifiedPatch(before, after, { ...meta, timeoutMs: 50 });
    expect(patch.match(/^@@/gm)).toEqual(['@@']);
    expect(patch).toContain('@@ -1,3000 +1,3000 @@');
    expect(patch).toContain('\\ No newline at end of file');
    expect(applyPatch(before, patch)).toBe(after);
  });

  const pairs = [
    ['company-law-cn', '2018.txt', '2023.txt'],
    ['criminal-law-cn', '2020-amend11.txt', '2023-amend12.txt'],
  ];
  for (const [dir, a, b] of pairs) {
    itCorpus(`makes a patch of ${dir} ${a} → ${b} that applies exactly`, () => {
      const before = readCorpus(`${dir}/${a}`);
      const after = readCorpus(`${dir}/${b}`);
      const patch = renderUnifiedPatch(before, after, meta);
      expect(applyPatch(before, patch)).toBe(after);
    });
  }
});
