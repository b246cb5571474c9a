import { DomainError } from '../../src/common/domain-error';
import { DEFAULT_DOCX_LIMITS, type DocxLimits } from '../../src/config/app-config';
import { readDocxText, readTextParts } from '../../src/documents/docx-reader';
import {
  DOCUMENT_HEAD,
  DOCUMENT_TAIL,
  docxBomb,
  docxOfLines,
  docxWithDocumentXml,
  paragraphXml,
} from '../support/docx';

const MiB = 1024 * 1024;

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

/** Paragraphs of varied text, so the XML compresses like a real draft's rather than like a bomb's. */
function manyParagraphsXml(bytes: number): string {
  const out: string[] = [DOCUMENT_HEAD];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = paragraphXml(`第${i}条 社区服务第${i * 7919}项措施，按${i % 97}号办法执行。`);
    out.push(p);
    size += Buffer.byteLength(p);
  }
  out.push(DOCUMENT_TAIL);
  return out.join('');
}

describe('reading a .docx within limits', () => {
  const limits = (over: Partial<DocxLimits> = {}): DocxLimits => ({ ...DEFAULT_DOCX_LIMITS, ...over });

  it('reads the text of a legitimate .docx', async () => {
    const text = await readDocxText(await docxOfLines(['第一条 总则。', '第二条 附则。']), 'a.docx', limits());
    expect(text).toBe('第一条 总则。\n\n第二条 附则。\n\n');
  });

  it('inflates only the XML parts: an image is never read, however large it claims to be', async () => {
    const docx = await docxWithDocumentXml(DOCUMENT_HEAD + paragraphXml('第一条 图文。') + DOCUMENT_TAIL, {
      'word/media/image1.png': Buffer.alloc(8 * MiB),
    });
    const parts = await readTextParts(docx, 'a.docx', limits());
    expect([...parts.keys()].sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
  });

  it('refuses a part compressed beyond DOCX_MAX_RATIO before inflating it', async () => {
    const e = await refusal(readTextParts(await docxBomb(4), 'r.docx', limits({ maxRatio: 50 })));
    expect(e.code).toBe('docx_too_large');
    expect(e.details).toEqual({ setting: 'DOCX_MAX_RATIO', limit: 50 });
  });

  it('refuses text parts larger in total than DOCX_MAX_UNCOMPRESSED_BYTES', async () => {
    const half = manyParagraphsXml(600 * 1024);
    const docx = await docxWithDocumentXml(half, { 'word/footnotes.xml': half });
    const e = await refusal(readTextParts(docx, 't.docx', limits({ maxUncompressedBytes: 1 * MiB })));
    expect(e.details).toEqual({ setting: 'DOCX_MAX_UNCOMPRESSED_BYTES', limit: MiB });
    expect(e.message).toMatch(/in all/);
  });

  it('stops the reader when it needs more heap than DOCX_EXTRACT_MEMORY_MB, and the process keeps its memory', async () => {
    const docx = await docxWithDocumentXml(manyParagraphsXml(24 * MiB));
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const e = await refusal(readDocxText(docx, 'm.docx', limits({ memoryMb: 48, timeoutMs: 120_000 })));
    clearInterval(timer);
    expect(e.details).toEqual({ setting: 'DOCX_EXTRACT_MEMORY_MB', limit: 48 });
    // heap limit + the inflated parts + the worker's own start-up, with a wide margin
    expect(peak - before).toBeLessThan(400 * MiB);
  });

  it('stops the reader at DOCX_EXTRACT_TIMEOUT_MS', async () => {
    const docx = await docxWithDocumentXml(manyParagraphsXml(16 * MiB));
    const t0 = Date.now();
    const e = await refusal(readDocxText(docx, 'slow.docx', limits({ timeoutMs: 500, memoryMb: 2048 })));
    expect(e.details).toEqual({ setting: 'DOCX_EXTRACT_TIMEOUT_MS', limit: 500 });
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('calls a zip with two entries of one name damaged (415), not a .docx', async () => {
    const docx = await docxWithDocumentXml(DOCUMENT_HEAD + DOCUMENT_TAIL, {
      'word/a.xml': '<a/>',
      'word/b.xml': '<b/>',
    });
    const twice = Buffer.from(docx.toString('latin1').replaceAll('word/b.xml', 'word/a.xml'), 'latin1');
    const e = await refusal(readTextParts(twice, 'd.docx', limits()));
    expect(e.code).toBe('binary_upload');
  });
});
