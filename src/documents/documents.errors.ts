import { DomainError } from '../common/domain-error';

/**
 * Error codes of documents: reading uploads, storing versions, correcting alignments.
 * Mapped to HTTP statuses in one place: common/http-error.filter.ts.
 */
export enum DocumentsErrorCode {
  DocumentNotFound = 'document_not_found',
  VersionNotFound = 'version_not_found',
  EmptyText = 'empty_text',
  TextTooLarge = 'text_too_large',
  UploadTooLarge = 'upload_too_large',
  DocxTooLarge = 'docx_too_large',
  NotUtf8 = 'not_utf8',
  BinaryUpload = 'binary_upload',
  UnknownFormat = 'unknown_format',
  ClauseNotFound = 'clause_not_found',
  InvalidAlignment = 'invalid_alignment',
}

/**
 * "Not found" for documents and versions, in one wording. A delegate who may not see a document or a version gets
 * exactly this answer too, so that nothing tells them what exists beyond what was released to them.
 */
export const documentNotFound = (id: string) =>
  new DomainError(DocumentsErrorCode.DocumentNotFound, `No document ${id}.`);

export const versionNotFound = (documentId: string, number: number) =>
  new DomainError(DocumentsErrorCode.VersionNotFound, `Document ${documentId} has no version ${number}.`);
