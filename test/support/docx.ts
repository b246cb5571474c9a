/** Hand-made .docx files for upload tests: legitimate ones, and zip bombs that a test builds itself. */
import JSZip from 'jszip';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';

export const DOCUMENT_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>`;
export const DOCUMENT_TAIL = '</w:body></w:document>';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const paragraphXml = (text: string) =>
  `<w:p><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;

/** A .docx whose word/document.xml is exactly `documentXml`, deflated at the highest level. */
export async function docxWithDocumentXml(
  documentXml: string | Buffer,
  extra: Record<string, string | Buffer> = {},
): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file('_rels/.rels', ROOT_RELS);
  zip.file('word/document.xml', documentXml);
  for (const [name, data] of Object.entries(extra)) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** A small, legitimate .docx with one paragraph per line. */
export function docxOfLines(lines: string[]): Promise<Buffer> {
  return docxWithDocumentXml(DOCUMENT_HEAD + lines.map(paragraphXml).join('') + DOCUMENT_TAIL);
}

/**
 * A zip bomb shaped like a real draft: word/document.xml is `mib` MiB of well-formed paragraphs, so a reader that
 * extracts it all would go on to parse it. It compresses several hundredfold.
 */
export function docxBomb(mib: number): Promise<Buffer> {
  const unit = paragraphXml('第一条');
  const xml = Buffer.alloc(mib * 1024 * 1024, unit);
  const head = Buffer.from(DOCUMENT_HEAD);
  const tail = Buffer.from(DOCUMENT_TAIL);
  // overwrite the ends with a valid head and tail; the middle stays whole paragraphs
  const body = xml.subarray(0, Math.floor((xml.length - head.length - tail.length) / unit.length) * unit.length);
  return docxWithDocumentXml(Buffer.concat([head, body, tail]));
}

/**
 * Rewrites the declared uncompressed size of `entry` in both its local header and its central directory record, so
 * the archive claims `declared` bytes while the data inflates to far more.
 */
export function underDeclare(zip: Buffer, entry: string, declared: number): Buffer {
  const out = Buffer.from(zip);
  const name = Buffer.from(entry);
  let patched = 0;
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50 && out.subarray(i + 30, i + 30 + out.readUInt16LE(i + 26)).equals(name)) {
      out.writeUInt32LE(declared, i + 22);
      patched++;
    } else if (sig === 0x02014b50 && out.subarray(i + 46, i + 46 + out.readUInt16LE(i + 28)).equals(name)) {
      out.writeUInt32LE(declared, i + 24);
      patched++;
    }
  }
  if (patched !== 2) throw new Error(`underDeclare: found ${patched} headers of ${entry}, expected 2`);
  return out;
}
