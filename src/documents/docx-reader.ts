/**
 * Reads the text of an uploaded .docx without letting it take the process down. A .docx is a zip: a 400 KB file can
 * inflate to gigabytes. So:
 *
 * 1. the zip's central directory is read first (yauzl) and every limit is checked on what it declares — number of
 *    files, each part's size and compression ratio, the total — before a byte is inflated;
 * 2. only the XML parts the text is made of are inflated (images, fonts and embedded objects never are), on zlib's
 *    thread pool a chunk at a time, counting the bytes that actually come out: a part that inflates past what its
 *    headers declare is refused at that point;
 * 3. tracked changes and Word comments are counted and collected (docx-review.ts), then mammoth turns those parts (re-packed, so it sees exactly the bytes that were checked) into text in a worker
 *    thread with its own heap limit and a deadline, terminated when it exceeds either; the event loop never runs it.
 *    mammoth reads the text with every tracked change accepted.
 */
import { Worker } from 'node:worker_threads';
import * as yauzl from 'yauzl';
import { DomainError } from '../common/domain-error';
import type { DocxLimits } from '../config/app-config';
import { type DocxReview, inspectDocxReview } from './docx-review';
import { DocumentsErrorCode } from './documents.errors';

/** The parts mammoth reads for raw text (document, styles, numbering, notes, relationships, content types). */
const isTextPart = (fileName: string) => /\.(xml|rels)$/i.test(fileName);

/** Below this size a part's compression ratio proves nothing: a few KB of repeated markup compress very well. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

/** Extractions that may run at once; each may use up to DOCX_EXTRACT_MEMORY_MB, so more would multiply the budget. */
const CONCURRENT_EXTRACTIONS = 2;

function tooLarge(setting: string, limit: number, message: string): DomainError {
  return new DomainError(DocumentsErrorCode.DocxTooLarge, message, { setting, limit });
}

function unreadable(name: string, why: string): DomainError {
  return new DomainError(
    DocumentsErrorCode.BinaryUpload,
    `${name} could not be read as a .docx (${why}): save it again from Word, or upload it as .txt.`,
  );
}

export interface DocxContent {
  /** The text with every tracked change accepted. */
  text: string;
  /** The tracked changes and Word comments the file held. */
  review: DocxReview;
}

/** The text of a .docx, read within `limits`. Throws DomainErrors only: docx_too_large (413) or binary_upload (415). */
export async function readDocxText(buffer: Buffer, name: string, limits: DocxLimits): Promise<string> {
  return (await readDocx(buffer, name, limits)).text;
}

/** The text (tracked changes accepted) and what the review left in the file, read within `limits`. */
export async function readDocx(buffer: Buffer, name: string, limits: DocxLimits): Promise<DocxContent> {
  const parts = await readTextParts(buffer, name, limits);
  return slots.run(() => extractInWorker(parts, name, limits));
}

/** Steps 1 and 2: the checked, inflated XML parts by file name. */
export async function readTextParts(buffer: Buffer, name: string, limits: DocxLimits): Promise<Map<string, Buffer>> {
  let zip: yauzl.ZipFile;
  try {
    // sizes are validated below, with errors of our own; yauzl's check would only say "too many bytes"
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: false });
  } catch (e) {
    throw unreadable(name, `not a zip archive: ${(e as Error).message}`);
  }
  try {
    const entries = await checkDirectory(zip, name, limits);
    const parts = new Map<string, Buffer>();
    for (const entry of entries) parts.set(entry.fileName, await inflate(zip, entry, name, limits));
    return parts;
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw unreadable(name, (e as Error).message);
  } finally {
    zip.close();
  }
}

/** Step 1: every limit on what the central directory declares. Returns the text parts to inflate. */
async function checkDirectory(zip: yauzl.ZipFile, name: string, limits: DocxLimits): Promise<yauzl.Entry[]> {
  if (zip.entryCount > limits.maxEntries) {
    throw tooLarge(
      'DOCX_MAX_ENTRIES',
      limits.maxEntries,
      `${name} holds ${zip.entryCount} files; a .docx may hold at most ${limits.maxEntries} (DOCX_MAX_ENTRIES).`,
    );
  }
  const wanted: yauzl.Entry[] = [];
  const seen = new Set<string>();
  let total = 0;
  for await (const entry of zip.eachEntry()) {
    if (seen.has(entry.fileName)) throw unreadable(name, `${entry.fileName} appears twice`);
    seen.add(entry.fileName);
    if (!isTextPart(entry.fileName)) continue;
    if (entry.isEncrypted()) throw unreadable(name, 'it is encrypted');
    const size = entry.uncompressedSize;
    const max = limits.maxUncompressedBytes;
    if (size > max) {
      throw tooLarge(
        'DOCX_MAX_UNCOMPRESSED_BYTES',
        max,
        `${name}: ${entry.fileName} inflates to ${size} bytes; the limit is ${max} bytes (DOCX_MAX_UNCOMPRESSED_BYTES).`,
      );
    }
    if (size > RATIO_FLOOR_BYTES && size / Math.max(1, entry.compressedSize) > limits.maxRatio) {
      const ratio = Math.round(size / Math.max(1, entry.compressedSize));
      throw tooLarge(
        'DOCX_MAX_RATIO',
        limits.maxRatio,
        `${name}: ${entry.fileName} is compressed ${ratio}:1; the limit is ${limits.maxRatio}:1 (DOCX_MAX_RATIO), beyond which it is taken for a zip bomb.`,
      );
    }
    total += size;
    if (total > max) {
      throw tooLarge(
        'DOCX_MAX_UNCOMPRESSED_BYTES',
        max,
        `${name}: its text parts inflate to more than ${max} bytes in all (DOCX_MAX_UNCOMPRESSED_BYTES).`,
      );
    }
    wanted.push(entry);
  }
  return wanted;
}

/** Step 2: one part, inflated a chunk at a time and stopped as soon as it exceeds what it declared. */
async function inflate(zip: yauzl.ZipFile, entry: yauzl.Entry, name: string, limits: DocxLimits): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > entry.uncompressedSize) {
        throw tooLarge(
          'DOCX_MAX_UNCOMPRESSED_BYTES',
          limits.maxUncompressedBytes,
          `${name}: ${entry.fileName} inflates to more than the ${entry.uncompressedSize} bytes its headers declare (a zip bomb); it was not read further (DOCX_MAX_UNCOMPRESSED_BYTES caps what is read).`,
        );
      }
      chunks.push(chunk);
    }
  } finally {
    stream.destroy();
  }
  if (size !== entry.uncompressedSize) throw unreadable(name, `${entry.fileName} is truncated`);
  return Buffer.concat(chunks, size);
}

/**
 * Plain JavaScript run by the worker (eval: the service's own sources may be TypeScript under jest). Module paths
 * come resolved from the service, so the worker needs no particular working directory.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const JSZip = require(workerData.jszip);
const mammoth = require(workerData.mammoth);
const inspectDocxReview = ${inspectDocxReview.toString()};
(async () => {
  const parts = new Map(workerData.parts);
  const read = (name) => (parts.has(name) ? Buffer.from(parts.get(name).buffer, parts.get(name).byteOffset, parts.get(name).byteLength) : null);
  const documentXml = read('word/document.xml');
  let review = { trackedChanges: { insertions: 0, deletions: 0, moves: 0 }, comments: [] };
  if (documentXml !== null) {
    const inspected = inspectDocxReview(documentXml, read('word/comments.xml'));
    review = { trackedChanges: inspected.trackedChanges, comments: inspected.comments };
    parts.set('word/document.xml', inspected.documentXml);
  }
  const zip = new JSZip();
  for (const [fileName, data] of parts) zip.file(fileName, data);
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
  const result = await mammoth.extractRawText({ buffer });
  parentPort.postMessage({ text: result.value, review });
})().catch((e) => parentPort.postMessage({ error: String((e && e.message) || e) }));
`;

/** Step 3: mammoth in a worker with a heap limit and a deadline. */
function extractInWorker(parts: Map<string, Buffer>, name: string, limits: DocxLimits): Promise<DocxContent> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { jszip: require.resolve('jszip'), mammoth: require.resolve('mammoth'), parts: [...parts] },
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      void worker.terminate();
      fn();
    };
    const deadline = setTimeout(
      () =>
        settle(() =>
          reject(
            tooLarge(
              'DOCX_EXTRACT_TIMEOUT_MS',
              limits.timeoutMs,
              `${name} took longer than ${limits.timeoutMs} ms to read (DOCX_EXTRACT_TIMEOUT_MS); reading was stopped.`,
            ),
          ),
        ),
      limits.timeoutMs,
    );
    worker.on('message', (m: { text?: string; review?: DocxReview; error?: string }) =>
      settle(() =>
        typeof m.text === 'string' && m.review
          ? resolve({ text: m.text, review: m.review })
          : reject(unreadable(name, m.error ?? 'no text')),
      ),
    );
    worker.on('error', (e: Error & { code?: string }) =>
      settle(() =>
        reject(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? tooLarge(
                'DOCX_EXTRACT_MEMORY_MB',
                limits.memoryMb,
                `${name} needs more than ${limits.memoryMb} MB of memory to read (DOCX_EXTRACT_MEMORY_MB); reading was stopped.`,
              )
            : unreadable(name, e.message),
        ),
      ),
    );
    worker.on('exit', (code) => settle(() => reject(unreadable(name, `the reader stopped with code ${code}`))));
  });
}

/** A queue that runs at most CONCURRENT_EXTRACTIONS tasks at once. */
const slots = {
  running: 0,
  waiting: [] as Array<() => void>,
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < CONCURRENT_EXTRACTIONS) this.running++;
    else await new Promise<void>((r) => this.waiting.push(r)); // the task that finishes hands its slot over
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  },
};
