/**
 * Who may receive a live event: the same rules as reading what it is about (pure; no framework imports).
 * - the drafting group (admin, drafter) receives every event of a document;
 * - 'drafters' events (new versions, job progress) go to nobody else: a delegate sees a version once a consultation
 *   releases it, and hears of that through the consultation's event;
 * - consultation events go to the delegates it addresses;
 * - comment events (created, edited, withdrawn, decided, reopened, replied) go to the comment's author and, when the
 *   consultation lets participants see each other's comments, to the delegates it addresses (DELEGATE_SEES).
 * The consultation is read as it is now, so an audience that changed applies to the events still to be sent.
 */
export interface LiveReader {
  id: string;
  role: string;
  groupId: string | null;
}

export interface LiveEventRow {
  id: string;
  documentId: string;
  kind: string;
  payload: Record<string, unknown>;
  audience: 'drafters' | 'consultation';
  consultationId: string | null;
  authorId: string | null;
}

export interface ConsultationAudience {
  id: string;
  visibility: 'drafters' | 'participants';
  audienceAll: boolean;
  audienceGroups: string[];
}

export function mayReceive(
  reader: LiveReader,
  e: LiveEventRow,
  consultation: ConsultationAudience | undefined,
): boolean {
  if (reader.role !== 'delegate') return true;
  if (e.audience === 'drafters') return false;
  if (e.kind.startsWith('comment.') && e.authorId === reader.id) return true;
  if (!consultation || !reader.groupId) return false;
  const addressed = consultation.audienceAll || consultation.audienceGroups.includes(reader.groupId);
  if (e.kind.startsWith('consultation.')) return addressed;
  return addressed && consultation.visibility === 'participants';
}
