/**
 * Error codes of consultations: the windows in which a version is open for comment.
 * Mapped to HTTP statuses in one place: common/http-error.filter.ts.
 */
export enum ConsultationsErrorCode {
  ConsultationClosed = 'consultation_closed',
  ConsultationNotFound = 'consultation_not_found',
}
