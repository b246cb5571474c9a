import { DomainError, ErrorCode } from '../common/domain-error';

/**
 * "Not found" for documents and versions, in one wording. A delegate who may not see a document or a version gets
 * exactly this answer too, so that nothing tells them what exists beyond what was released to them.
 */
export const documentNotFound = (id: string) => new DomainError(ErrorCode.DocumentNotFound, `No document ${id}.`);

export const versionNotFound = (documentId: string, number: number) =>
  new DomainError(ErrorCode.VersionNotFound, `Document ${documentId} has no version ${number}.`);
