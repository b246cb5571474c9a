/**
 * Every service route the app calls, in one place (the OpenAPI document at /api/docs describes them).
 */
import { get, patch, post, put, qs } from './api';
import type {
  AlignmentRow, BlameSpan, Proposal, Comment, CommentDetail, HistoryEntry, Consultation, JobView, PendingGroup, DiffResult, DocumentView, Group, LineageEdge, Outcome, ReferenceWarning, User, VersionFull, VersionMeta,
} from './types';

const doc = (id: string) => `/api/documents/${encodeURIComponent(id)}`;
const ver = (id: string, n: number) => `${doc(id)}/versions/${n}`;

export const Api = {
  login: (username: string, password: string) => post<{ token: string; user: User }>('/api/auth/login', { username, password }),
  me: () => get<User>('/api/auth/me'),
  logout: () => post<void>('/api/auth/logout'),

  documents: () => get<DocumentView[]>('/api/documents'),
  createDocument: (title: string, description?: string) => post<DocumentView>('/api/documents', { title, description }),
  document: (id: string) => get<DocumentView>(doc(id)),
  versions: (id: string) => get<VersionMeta[]>(`${doc(id)}/versions`),
  version: (id: string, n: number) => get<VersionFull>(ver(id, n)),
  warnings: (id: string, n: number) => get<ReferenceWarning[]>(`${ver(id, n)}/warnings`),
  addVersion: (id: string, body: Record<string, unknown> | FormData) => post<VersionMeta & { changes: Record<string, number> }>(`${doc(id)}/versions`, body),
  alignment: (id: string, n: number) => get<{ number: number; basedOn: number | null; edges: LineageEdge[]; rows: AlignmentRow[] }>(`${ver(id, n)}/alignment`),
  correctAlignment: (id: string, n: number, clauseKey: string, previousKey: string | null) =>
    put<{ edges: LineageEdge[] }>(`${ver(id, n)}/alignment`, { clauseKey, previousKey }),

  /** Background work on a document (carrying many comments into a new version), with progress. */
  jobs: (documentId: string) => get<JobView[]>(`/api/jobs${qs({ documentId })}`),

  diff: (id: string, from: number, to: number) => get<DiffResult>(`${doc(id)}/diff${qs({ from, to, format: 'json' })}`),
  diffDocxPath: (id: string, from: number, to: number) => `${doc(id)}/diff${qs({ from, to, format: 'docx' })}`,
  /** Version `to` as a .docx whose differences from `from` are Word tracked changes. */
  diffRevisionsPath: (id: string, from: number, to: number) => `${doc(id)}/diff${qs({ from, to, format: 'docx-revisions' })}`,
  /** The chosen comments' suggestions applied to a version: a candidate text, not stored. */
  propose: (id: string, baseVersion: number, commentIds: string[]) => post<Proposal>(`${doc(id)}/proposals`, { baseVersion, commentIds }),

  consultations: (documentId: string) => get<Consultation[]>(`${doc(documentId)}/consultations`),
  openConsultation: (documentId: string, body: Record<string, unknown>) => post<Consultation>(`${doc(documentId)}/consultations`, body),
  closeConsultation: (id: string) => post<Consultation>(`/api/consultations/${id}/close`),
  pending: (id: string) => get<PendingGroup[]>(`/api/consultations/${id}/pending`),
  reportPath: (id: string, format: 'xlsx' | 'docx' | 'csv') => `/api/consultations/${id}/report${qs({ format })}`,

  /** Every page of a version's comments (the service pages by 200 at most). */
  comments: async (id: string, n: number, filter: Record<string, string | undefined> = {}) => {
    const out: Comment[] = [];
    for (let page = 1; page <= 50; page++) {
      const r = await get<{ items: Comment[]; total: number }>(`${ver(id, n)}/comments${qs({ ...filter, page, pageSize: 200 })}`);
      out.push(...r.items);
      if (out.length >= r.total || !r.items.length) break;
    }
    return out;
  },
  heat: (id: string, n: number) =>
    get<{ clauseKey: string; count: number }[]>(`${ver(id, n)}/comments/counts`).then((rows) => Object.fromEntries(rows.map((r) => [r.clauseKey, r.count]))),
  addComment: (id: string, n: number, body: Record<string, unknown>, key: string) =>
    post<Comment>(`${ver(id, n)}/comments`, body, { 'Idempotency-Key': key }),
  myComments: () => get<Comment[]>('/api/me/comments'),
  decide: (ids: string[], outcome: Outcome, reason: string, implementedInVersion?: number) =>
    post<unknown>('/api/comments/decisions', { commentIds: ids, outcome, reason, ...(implementedInVersion ? { implementedInVersion } : {}) }),
  reopenDecision: (id: string, reason: string) => post<unknown>(`/api/comments/${id}/decision/reopen`, { reason }),
  comment: (id: string) => get<CommentDetail>(`/api/comments/${id}`),
  clauseHistory: (id: string, key: string) => get<HistoryEntry[]>(`${doc(id)}/clauses/${encodeURIComponent(key)}/history`),
  blame: (id: string, n: number, key: string) =>
    get<{ versionNumber: number; clause: { key: string; path: string; text: string }; spans: BlameSpan[] }>(`${ver(id, n)}/clauses/${encodeURIComponent(key)}/blame`),
  editComment: (id: string, body: { kind?: string; body?: string; suggestion?: string | null }) => patch<Comment>(`/api/comments/${id}`, body),
  withdrawComment: (id: string) => post<Comment>(`/api/comments/${id}/withdraw`),
  reply: (commentId: string, body: string) => post<unknown>(`/api/comments/${commentId}/replies`, { body }),

  users: () => get<User[]>('/api/users'),
  createUser: (u: Record<string, unknown>) => post<User>('/api/users', u),
  /** Name, role, group, disabled, password: a change of rights or password ends the user's sessions. */
  updateUser: (id: string, changes: Record<string, unknown>) => patch<User>(`/api/users/${encodeURIComponent(id)}`, changes),
  importUsers: (csv: string) => post<unknown>('/api/users/import', { csv }),
  groups: () => get<Group[]>('/api/groups'),
  createGroup: (name: string, kind: string) => post<Group>('/api/groups', { name, kind }),
};
