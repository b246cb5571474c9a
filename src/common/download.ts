import { StreamableFile } from '@nestjs/common';
import contentDisposition from 'content-disposition';

/** A file to download: its bytes, media type and name (UTF-8), with an ASCII name for old clients. */
export interface Download {
  body: Buffer;
  mediaType: string;
  fileName: string;
  asciiFileName: string;
}

/**
 * The answer for a download: a StreamableFile (a bare Buffer would be serialised as JSON) with a Content-Disposition
 * built by the `content-disposition` package (RFC 6266; the UTF-8 name in filename* as RFC 5987 says, the ASCII one
 * in filename), the one place that header is made.
 */
export function downloadFile(d: Download): StreamableFile {
  return new StreamableFile(d.body, { type: d.mediaType, disposition: contentDisposition(d.fileName, { fallback: d.asciiFileName }) });
}
