/**
 * Reads a .docx's body as Word would after "accept all changes" or "reject all changes": one line per paragraph,
 * written independently of the renderer under test (a DOM walk with @xmldom/xmldom, mammoth's own XML parser).
 */
import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';

/** accept: every change accepted; reject: every change rejected; all: the changes shown (both sides, as LibreOffice exports them as text). */
type Mode = 'accept' | 'reject' | 'all';
/** Containers whose content stays when accepting, and those whose content stays when rejecting. */
const ADDED = new Set(['w:ins', 'w:moveTo']);
const REMOVED = new Set(['w:del', 'w:moveFrom']);

interface El {
  nodeName: string;
  childNodes: ArrayLike<El>;
  textContent: string | null;
  nodeType: number;
}

const children = (e: El): El[] => Array.from(e.childNodes).filter((n) => n.nodeType === 1);

function keeps(name: string, mode: Mode): boolean {
  if (mode === 'all') return true;
  if (ADDED.has(name)) return mode === 'accept';
  if (REMOVED.has(name)) return mode === 'reject';
  return true;
}

function runText(r: El): string {
  return children(r)
    .map((c) =>
      c.nodeName === 'w:t' || c.nodeName === 'w:delText' ? (c.textContent ?? '') : c.nodeName === 'w:tab' ? '\t' : '',
    )
    .join('');
}

function contentText(e: El, mode: Mode): string {
  let s = '';
  for (const c of children(e)) {
    if (c.nodeName === 'w:r') s += runText(c);
    else if (c.nodeName === 'w:pPr') continue;
    else if (keeps(c.nodeName, mode)) s += contentText(c, mode);
  }
  return s;
}

/** Whether a paragraph's mark stays (an inserted mark goes when rejecting, a deleted one when accepting). */
function markStays(p: El, mode: Mode): boolean {
  const pPr = children(p).find((c) => c.nodeName === 'w:pPr');
  const rPr = pPr && children(pPr).find((c) => c.nodeName === 'w:rPr');
  return !rPr || children(rPr).every((c) => keeps(c.nodeName, mode));
}

export function documentText(documentXml: string, mode: Mode): string {
  const doc = new DOMParser().parseFromString(documentXml, 'text/xml') as unknown as { documentElement: El };
  const body = children(doc.documentElement).find((c) => c.nodeName === 'w:body')!;
  let s = '';
  for (const p of children(body)) {
    if (p.nodeName !== 'w:p') continue;
    s += contentText(p, mode) + (markStays(p, mode) ? '\n' : '');
  }
  return s;
}

export async function docxPart(docx: Buffer, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const part = zip.file(name);
  if (!part) throw new Error(`${name} is not in the package`);
  return part.async('string');
}

/** Every element named `name` (e.g. "w:del") in the XML, with the text inside it. */
export function elementsNamed(xml: string, name: string): { text: string }[] {
  const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as {
    getElementsByTagName(n: string): ArrayLike<El>;
  };
  return Array.from(doc.getElementsByTagName(name)).map((e) => ({ text: e.textContent ?? '' }));
}

/** supertest's parser for a binary body (.docx downloads): `.buffer(true).parse(binaryBody)`. */
export function binaryBody(res: unknown, cb: (e: Error | null, b: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}
