import * as path from 'node:path';
import { DomainError } from '../common/domain-error';
import type { DocxLimits } from '../config/app-config';
import type { SourceFormat } from '../engine/types';
import { readDocx } from './docx-reader';
import type { DocxReview } from './docx-review';
import { DocumentsErrorCode } from './documents.errors';

export interface DraftText {
  text: string;
  format: SourceFormat;
  sourceFormat: 'text' | 'markdown' | 'docx';
  sourceName: string | null;
  /** A .docx's tracked changes (accepted in `text`) and Word comments (not in `text`). */
  review?: DocxReview;
}

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

export interface UploadLimits {
  /** Largest draft text, in UTF-8 bytes (MAX_TEXT_BYTES). */
  maxTextBytes: number;
  docx: DocxLimits;
}

const FORMATS: Record<string, SourceFormat> = { text: 'text', txt: 'text', markdown: 'markdown', md: 'markdown' };

function checkSize(bytes: number, max: number): void {
  if (bytes > max) {
    throw new DomainError(
      DocumentsErrorCode.TextTooLarge,
      `The draft is ${bytes} bytes; the limit is ${max} bytes (MAX_TEXT_BYTES). Split the document or raise the limit.`,
      { limit: max, size: bytes },
    );
  }
}

function checkNotEmpty(text: string): void {
  if (!text.replace(/[\s\u200b-\u200d\ufeff]/g, '')) {
    throw new DomainError(DocumentsErrorCode.EmptyText, 'The draft text is empty.');
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * A .docx can spell characters that no text file decoded strictly can hold, as XML character references (&#0;,
 * &#xD800;): NUL, which PostgreSQL refuses, and halves of UTF-16 pairs, which are not characters.
 */
function checkCharacters(text: string, name: string): void {
  if (text.includes('\u0000')) {
    throw new DomainError(
      DocumentsErrorCode.BinaryUpload,
      `${name} contains a NUL character (U+0000), which a draft cannot hold.`,
    );
  }
  const lone = LONE_SURROGATE.exec(text);
  if (lone) {
    const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
    throw new DomainError(
      DocumentsErrorCode.NotUtf8,
      `${name} contains U+${code} without its pair, which is not a character: remove it and upload again.`,
    );
  }
}

/** Decodes UTF-8 strictly: a NUL byte means a binary file, an invalid sequence means another encoding. */
function decodeUtf8(buf: Buffer, name: string): string {
  if (buf.includes(0)) {
    throw new DomainError(
      DocumentsErrorCode.BinaryUpload,
      `${name} looks like a binary file; upload .txt or .md as UTF-8 text, or a .docx.`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new DomainError(
      DocumentsErrorCode.NotUtf8,
      `${name} is not valid UTF-8 (perhaps GBK/GB18030): save it as UTF-8 and upload it again.`,
    );
  }
}

/**
 * A .docx's text as Word and LibreOffice save it as plain text (and as copying it into a text box gives it): one
 * line per paragraph, a blank line for an empty paragraph. mammoth ends every paragraph with "\n\n"; kept as it is,
 * every paragraph break would read as a blank line, and a text and the .docx written from it would parse into
 * different clauses (a hard-wrapped paragraph cut at each line, lines of one paragraph made paragraphs of their own).
 * Read this way, both paths give the parser the same text, and its one rule for paragraphs applies to both (README,
 * "How it works"). Runs of blank lines are kept to one, leading and trailing ones dropped.
 */
export function docxTextAsPlainText(raw: string): string {
  const paragraphs = raw.split('\n\n');
  if (paragraphs.at(-1) === '') paragraphs.pop();
  return (
    paragraphs
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}

export function fromJson(text: string | undefined, format: string | undefined, maxBytes: number): DraftText {
  if (text === undefined || text === null)
    throw new DomainError(
      DocumentsErrorCode.EmptyText,
      'Send the draft as "text" or upload a file in the field "file".',
    );
  const fmt = FORMATS[(format ?? 'text').toLowerCase()];
  if (!fmt)
    throw new DomainError(DocumentsErrorCode.UnknownFormat, `Unknown format "${format}": use "text" or "markdown".`);
  checkSize(Buffer.byteLength(text, 'utf8'), maxBytes);
  checkNotEmpty(text);
  return { text, format: fmt, sourceFormat: fmt, sourceName: null };
}

export async function fromUpload(file: UploadedFile, limits: UploadLimits): Promise<DraftText> {
  const name = path.basename(file.originalname || 'upload');
  const ext = path.extname(name).toLowerCase().slice(1);
  if (ext === 'docx') {
    if (file.buffer.subarray(0, 2).toString('latin1') !== 'PK') {
      throw new DomainError(DocumentsErrorCode.BinaryUpload, `${name} is not a .docx (Word 2007+) file.`);
    }
    const content = await readDocx(file.buffer, name, limits.docx);
    const text = docxTextAsPlainText(content.text);
    checkSize(Buffer.byteLength(text, 'utf8'), limits.maxTextBytes);
    checkCharacters(text, name);
    checkNotEmpty(text);
    return { text, format: 'text', sourceFormat: 'docx', sourceName: name, review: content.review };
  }
  const fmt = FORMATS[ext];
  if (!fmt)
    throw new DomainError(
      DocumentsErrorCode.UnknownFormat,
      `Unsupported file type ".${ext}": upload a .txt, .md or .docx file.`,
    );
  checkSize(file.size, limits.maxTextBytes);
  let text = decodeUtf8(file.buffer, name);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  checkNotEmpty(text);
  return { text, format: fmt, sourceFormat: fmt, sourceName: name };
}
