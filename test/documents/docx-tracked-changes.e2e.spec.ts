import { inspectDocxReview, reviewNote } from '../../src/documents/docx-review';
import { V1 } from '../comments/helpers';
import { startTestApp, type TestApp, type TestUser } from '../support/app';
import { DOCUMENT_HEAD, DOCUMENT_TAIL, docxWithDocumentXml } from '../support/docx';
import { binaryBody } from '../support/tracked-changes';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const who = 'w:author="张三" w:date="2026-11-30T10:00:00Z"';
const r = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const d = (text: string) => `<w:r><w:delText xml:space="preserve">${text}</w:delText></w:r>`;

/**
 * A draft as a reviewer leaves it in Word: words inserted and deleted, two paragraphs joined (a deleted paragraph
 * mark), an article moved, and two comments (批注), one on a passage.
 */
const REVIEWED =
  DOCUMENT_HEAD +
  `<w:p>${r('关于改进社区服务的若干规定')}</w:p>` +
  `<w:p>${r('第一条 为了')}<w:ins w:id="1" ${who}>${r('进一步')}</w:ins>${r('改进社区服务')}<w:del w:id="2" ${who}>${d('，方便居民办事')}</w:del>${r('，制定本规定。')}</w:p>` +
  `<w:p><w:pPr><w:rPr><w:del w:id="3" ${who}/></w:rPr></w:pPr>${r('第二条 社区服务应当便民利民，')}</w:p>` +
  `<w:p>${r('做到公开透明。')}</w:p>` +
  `<w:p><w:moveFromRangeStart w:id="4" w:name="move1" ${who}/><w:pPr><w:rPr><w:moveFrom w:id="5" ${who}/></w:rPr></w:pPr>` +
  `<w:moveFrom w:id="6" ${who}>${r('第四条 本规定自发布之日起施行。')}</w:moveFrom><w:moveFromRangeEnd w:id="4"/></w:p>` +
  `<w:p><w:commentRangeStart w:id="0"/>${r('第三条 街道办事处每季度向居民公开服务事项清单。')}<w:commentRangeEnd w:id="0"/>` +
  `<w:r><w:commentReference w:id="0"/></w:r></w:p>` +
  `<w:p><w:moveToRangeStart w:id="7" w:name="move1" ${who}/><w:pPr><w:rPr><w:moveTo w:id="8" ${who}/></w:rPr></w:pPr>` +
  `<w:moveTo w:id="9" ${who}>${r('第四条 本规定自发布之日起施行。')}</w:moveTo><w:moveToRangeEnd w:id="7"/></w:p>` +
  DOCUMENT_TAIL;

const COMMENTS =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="${W}">` +
  `<w:comment w:id="0" w:author="李四" w:date="2026-11-30T11:00:00Z" w:initials="LS"><w:p>${r('每季度太少，建议每月')}</w:p></w:comment>` +
  `<w:comment w:id="1" w:author="王五" w:date="2026-11-30T12:00:00Z"><w:p>${r('请核对 &lt;上位法&gt;')}</w:p><w:p>${r('第二段')}</w:p></w:comment>` +
  '</w:comments>';

const ACCEPTED = [
  '关于改进社区服务的若干规定',
  '第一条 为了进一步改进社区服务，制定本规定。',
  '第二条 社区服务应当便民利民，做到公开透明。',
  '第三条 街道办事处每季度向居民公开服务事项清单。',
  '第四条 本规定自发布之日起施行。',
  '',
].join('\n');

describe('importing a .docx with tracked changes and comments', () => {
  it('counts the changes, collects the comments with the words they are on, and marks moved-away paragraphs deleted', () => {
    const review = inspectDocxReview(Buffer.from(REVIEWED), Buffer.from(COMMENTS));
    expect(review.trackedChanges).toEqual({ insertions: 1, deletions: 2, moves: 1 });
    expect(review.comments).toEqual([
      {
        author: '李四',
        date: '2026-11-30T11:00:00Z',
        text: '每季度太少，建议每月',
        quote: '第三条 街道办事处每季度向居民公开服务事项清单。',
      },
      { author: '王五', date: '2026-11-30T12:00:00Z', text: '请核对 <上位法>\n第二段', quote: '' },
    ]);
    expect(review.documentXml.toString()).toContain(`<w:pPr><w:rPr><w:del w:id="5" ${who}/></w:rPr></w:pPr>`);
    expect(reviewNote(review)).toBe(
      '导入时已接受文件中的全部修订（插入 1 处、删除 2 处、移动 1 处）。文件中有 2 条批注，未并入正文。',
    );
    expect(reviewNote({ trackedChanges: { insertions: 0, deletions: 0, moves: 0 }, comments: [] })).toBe('');
  });

  describe('through the service', () => {
    let t: TestApp;
    let drafter: TestUser;
    beforeAll(async () => {
      t = await startTestApp();
      drafter = await t.user('drafter');
    });
    afterAll(() => t?.close());

    const newDocument = async () =>
      (await t.http().post('/api/documents').set(drafter.auth).send({ title: '修订导入' }).expect(201)).body
        .id as string;
    const upload = (doc: string, file: Buffer, fields: Record<string, string> = {}) => {
      let req = t
        .http()
        .post(`/api/documents/${doc}/versions`)
        .set(drafter.auth)
        .attach('file', file, '第二稿（修订）.docx');
      for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
      return req;
    };
    const textOf = async (doc: string, n: number) =>
      (await t.http().get(`/api/documents/${doc}/versions/${n}?format=text`).set(drafter.auth).expect(200)).text;

    it('stores the text with every change accepted, and says so in the note and the response, with the comments', async () => {
      const doc = await newDocument();
      const res = await upload(doc, await docxWithDocumentXml(REVIEWED, { 'word/comments.xml': COMMENTS }), {
        note: '据反馈修改',
      }).expect(201);
      expect(res.body.trackedChanges).toEqual({ insertions: 1, deletions: 2, moves: 1 });
      expect(res.body.wordComments.count).toBe(2);
      expect(res.body.wordComments.comments.map((c: { text: string }) => c.text)).toEqual([
        '每季度太少，建议每月',
        '请核对 <上位法>\n第二段',
      ]);
      expect(res.body.note).toBe(
        '据反馈修改\n导入时已接受文件中的全部修订（插入 1 处、删除 2 处、移动 1 处）。文件中有 2 条批注，未并入正文。',
      );
      expect(await textOf(doc, 1)).toBe(ACCEPTED);
    });

    it('says nothing of the kind for a .docx without changes, and nothing for pasted text', async () => {
      const doc = await newDocument();
      const plain = await docxWithDocumentXml(DOCUMENT_HEAD + `<w:p>${r('第一条 甲。')}</w:p>` + DOCUMENT_TAIL);
      const res = await upload(doc, plain).expect(201);
      expect(res.body.trackedChanges).toEqual({ insertions: 0, deletions: 0, moves: 0 });
      expect(res.body.wordComments).toEqual({ count: 0, comments: [] });
      expect(res.body.note).toBe('');
      const pasted = await t
        .http()
        .post(`/api/documents/${doc}/versions`)
        .set(drafter.auth)
        .send({ text: '第一条 乙。\n' })
        .expect(201);
      expect(pasted.body.trackedChanges).toBeUndefined();
    });

    it('reads back its own docx-revisions file as the newer version', async () => {
      const doc = await newDocument();
      const v2 = V1.replace('方便居民办事', '方便居民就近办事').replace(
        '第二条 社区服务应当便民利民，做到公开透明。\n\n第三条 街道办事处每季度向居民公开服务事项清单。',
        '第二条 街道办事处每季度向居民公开服务事项清单。\n\n第三条 社区服务应当便民利民，做到公开透明。',
      );
      await t.http().post(`/api/documents/${doc}/versions`).set(drafter.auth).send({ text: V1 }).expect(201);
      await t.http().post(`/api/documents/${doc}/versions`).set(drafter.auth).send({ text: v2 }).expect(201);
      const file = await t
        .http()
        .get(`/api/documents/${doc}/diff?from=1&to=2&format=docx-revisions`)
        .set(drafter.auth)
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      const res = await upload(doc, file.body as Buffer).expect(201);
      expect(res.body.trackedChanges.insertions).toBeGreaterThan(0);
      // the .docx has one paragraph per line: read back, blank lines between articles are one as in the text
      expect(await textOf(doc, 3)).toBe(v2);
    });
  });
});
