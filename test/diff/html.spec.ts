import { renderDiffHtml } from '../../src/engine/render/html';
import { result } from './fixtures';

describe('renderDiffHtml', () => {
  const html = renderDiffHtml(result(), { title: '若干措施 <修改稿>', fromLabel: '第一稿', toLabel: '第二稿' });

  it('escapes every text, clause text included', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>若干措施 &lt;修改稿&gt;</title>');
    // The only script element is the page's own view toggle.
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('is self-contained', () => {
    expect(html).not.toMatch(/<link|src=|@import|url\(/);
  });

  it('summarises with Chinese names and links every change by anchor', () => {
    for (const name of ['新增', '删除', '修改', '移动', '编号变化', '拆分', '合并']) expect(html).toContain(name);
    const changes = result().changes.length;
    for (let i = 1; i <= changes; i++) {
      expect(html).toContain(`href="#change-${i}"`);
      expect(html).toContain(`id="change-${i}"`);
    }
  });

  it('marks insertions and deletions in both views', () => {
    expect(html).toContain('<ins>结合本区实际，</ins>');
    expect(html).toMatch(/<del>[^<]*一次性奖励|<del>[^<]*区工业和信息化局/);
    expect(html).toContain('class="side"');
    expect(html).toContain('<span class="label">第五条</span>');
  });

  it('speaks English on request', () => {
    const en = renderDiffHtml(result(), { title: 't', fromLabel: 'v1', toLabel: 'v2', lang: 'en' });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Side by side');
  });
});
