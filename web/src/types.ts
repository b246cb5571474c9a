/** Shapes the service returns (the controllers in src/, issues 3 and 4 for diffs and comments). */
export type Role = 'admin' | 'drafter' | 'delegate';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  groupId: string | null;
  groupName?: string | null;
  /** In the admin's list: a disabled user cannot log in. */
  disabled?: boolean;
}

export interface Group {
  id: string;
  name: string;
  kind?: string;
  memberCount?: number;
}

export interface DocumentView {
  id: string;
  title: string;
  description: string;
  versionCount: number;
  createdAt: string;
  latestVersion: { number: number; label: string; stage: string; createdAt: string } | null;
}

export interface VersionMeta {
  id: string;
  documentId: string;
  number: number;
  basedOn: number | null;
  label: string;
  stage: string;
  note: string;
  sourceFormat: string;
  sourceName: string | null;
  clauseCount: number;
  textLength: number;
  author: { id: string; username: string; displayName: string };
  createdAt: string;
}

export interface ClauseNode {
  key: string;
  label: string;
  level: number;
  kind: string;
  heading: string;
  text: string;
  /** Full name, computed by the server: headings and own label, "三、实施专精特新企业培育工程 › （二）". */
  path: string;
  children: ClauseNode[];
}

export interface VersionFull extends VersionMeta {
  clauses: ClauseNode[];
}

export interface LineageEdge {
  fromKey: string;
  toKey: string;
  kind: 'continue' | 'split' | 'merge';
  score: number;
  source: 'auto' | 'drafter';
}

export interface HistoryComment {
  id: string;
  kind: CommentKind;
  body: string;
  status: string;
  author: { id: string; displayName: string };
  group: { id: string; name: string } | null;
  decision: { outcome: Outcome; reason: string; implementedInVersion: number | null } | null;
}

/** One version in a clause's history (GET …/clauses/:key/history). */
export interface HistoryEntry {
  versionNumber: number;
  versionLabel: string;
  stage: string;
  clause: { key: string; label: string; path: string; text: string } | null;
  change: { type: ChangeType; inline: { op: 'equal' | 'insert' | 'delete'; text: string }[] } | null;
  lineage: { fromVersion: number; fromKey: string; toKey: string; kind: 'split' | 'merge' }[];
  comments: HistoryComment[];
  /** Comments (made earlier) adopted and carried out in this version. */
  implemented?: HistoryComment[];
}

export interface BlameSpan {
  text: string;
  versionNumber: number;
  versionLabel: string;
  comments: HistoryComment[];
}

/** One row of the alignment view: a clause of either version as the comparison sees it (deleted ones in place). */
export interface AlignmentRow {
  type: ChangeType;
  from: DiffSide | null;
  to: DiffSide | null;
  fromParts?: DiffSide[];
  toParts?: DiffSide[];
}

export type ChangeType = 'unchanged' | 'modified' | 'references' | 'renumbered' | 'moved' | 'added' | 'deleted' | 'split' | 'merged';

export interface DiffSide {
  key: string;
  label: string;
  text: string;
  /** The headings the clause stands under, when its number alone is ambiguous ("六、强化产业空间保障"). */
  context?: string;
  /** Full name: headings and own label ("六、强化产业空间保障 › （二）"). */
  path?: string;
}

export interface DiffChange {
  type: ChangeType;
  from: DiffSide | null;
  to: DiffSide | null;
  /** Split: every new clause the old one went into; merge: every old clause that went into the new one. */
  toParts?: DiffSide[];
  fromParts?: DiffSide[];
  /** `ref`: a reference that followed the renumbering, not the drafter's edit. */
  inline: { op: 'equal' | 'insert' | 'delete'; text: string; ref?: true }[];
  /** The inline diff hit its bound: the clause is shown as replaced whole. */
  fallback?: boolean;
}

export interface DiffResult {
  from: { number: number; label: string };
  to: { number: number; label: string };
  summary: Record<string, number>;
  changes: DiffChange[];
}

export type CommentKind = 'amend' | 'add' | 'delete' | 'remark';
export type Outcome = 'adopted' | 'partly_adopted' | 'not_adopted' | 'already_covered' | 'under_study';
export type AnchorStatus = 'exact' | 'shifted' | 'fuzzy' | 'clause' | 'orphaned';

export interface Anchor {
  status: AnchorStatus;
  clauseKey: string | null;
  start?: number | null;
  end?: number | null;
  score?: number | null;
  versionNumber?: number;
  clauseLabel?: string;
  /** The clause's full name in that version (null when it has none: orphaned). */
  clausePath?: string | null;
}

export interface Reply {
  id: string;
  body: string;
  author?: { displayName: string; role?: string } | null;
  createdAt: string;
}

export interface Decision {
  outcome: Outcome;
  reason: string;
  implementedInVersion?: number | null;
  decidedAt?: string;
}

export interface Comment {
  id: string;
  clauseKey: string;
  kind: CommentKind;
  body: string;
  suggestion?: string | null;
  author?: { id: string; displayName: string; username?: string } | null;
  group?: { id: string; name: string } | null;
  /** The anchor as written; never changes. */
  originalAnchor?: { versionNumber: number; clauseKey: string; start: number; end: number; quote: { exact: string; prefix?: string; suffix?: string } | null };
  anchor?: Anchor | null;
  decision?: Decision | null;
  replies?: Reply[];
  createdAt: string;
  documentId: string;
  versionNumber: number;
  consultationId?: string;
  /** My comments: where it stands in the document's latest version. */
  latest?: (Anchor & { label?: string }) | null;
  status: 'open' | 'withdrawn';
  /** 1 for the first wording; each edit or withdrawal adds one. */
  revision?: number;
}

/** An earlier wording, kept when the author edits or withdraws. */
export interface Revision {
  revision: number;
  kind: CommentKind;
  body: string;
  suggestion: string | null;
  status: string;
  replacedAt: string;
}

/** GET /api/comments/:id: the comment with its history, its whole reply thread and every decision taken on it. */
export interface CommentDetail extends Comment {
  history: Revision[];
  replies: Reply[];
  decisions: (Omit<Decision, 'outcome'> & { outcome: Outcome | 'reopened'; decidedBy?: { displayName: string } | null })[];
}

export interface Consultation {
  id: string;
  documentId: string;
  versionNumber: number;
  title: string;
  opensAt: string;
  closesAt: string;
  audience: 'all' | string[];
  visibility: 'drafters' | 'participants';
  createdAt: string;
  /** Whether comments are accepted now. */
  open: boolean;
}

export interface PendingGroup {
  group: { id: string; name: string };
  delegates: number;
  commented: number;
  pending: { id: string; username: string; displayName: string }[];
}

/** A background job as GET /api/jobs lists it. */
export interface JobView {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  done: number;
  total: number;
  progress: number;
  versionNumber: number | null;
  error: string | null;
}

/** A reference the new version left stale: GET …/versions/:n/warnings. */
export interface ReferenceWarning {
  clauseKey: string;
  path: string;
  reference: string;
  message: string;
}

/** POST /api/documents/:id/proposals: the candidate for the next draft, not stored. */
export interface Proposal {
  baseVersion: { number: number; label: string };
  text: string;
  format: 'text' | 'markdown';
  applied: { commentId: string; kind: CommentKind; clauseKey: string; clausePath: string; start: number; end: number; at: { start: number; end: number } }[];
  conflicts: {
    clauseKey: string;
    clausePath: string;
    start: number;
    end: number;
    quote: string;
    suggestions: { commentId: string; kind: CommentKind; start: number; end: number; wording: string | null }[];
  }[];
  skipped: { commentId: string; reason: string; message: string }[];
  diff: { summary: Record<string, number>; changes: DiffChange[] };
}
