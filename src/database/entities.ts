import { Group, LoginThrottle, Session, SessionTicket, User } from '../accounts/accounts.entities';
import { AuditEntry } from '../audit/audit.entity';
import {
  Comment,
  CommentAnchor,
  CommentCount,
  CommentDecision,
  CommentReply,
  CommentRevision,
} from '../comments/comments.entities';
import { Consultation } from '../consultations/consultations.entities';
import { Clause, ClauseLineage, DocumentVersion, DraftDocument } from '../documents/documents.entities';
import { Job } from '../jobs/jobs.entities';
import { LiveEvent } from '../live/live.entities';

/** Every entity, for the data source and the schema-drift test. */
export const ENTITIES = [
  Group,
  User,
  Session,
  LoginThrottle,
  DraftDocument,
  DocumentVersion,
  Clause,
  ClauseLineage,
  AuditEntry,
  Consultation,
  Comment,
  CommentAnchor,
  CommentCount,
  CommentRevision,
  CommentReply,
  CommentDecision,
  Job,
  SessionTicket,
  LiveEvent,
];
