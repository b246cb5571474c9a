import { Group, Session, User } from '../accounts/accounts.entities';
import { AuditEntry } from '../audit/audit.entity';
import { Clause, ClauseLineage, DocumentVersion, DraftDocument } from '../documents/documents.entities';

/** Every entity, for the data source and the schema-drift test. */
export const ENTITIES = [Group, User, Session, DraftDocument, DocumentVersion, Clause, ClauseLineage, AuditEntry];
