import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * live_events: a short log of what changed on a document (comments, decisions, replies, versions, consultations,
 * job progress), written by triggers in the very transaction of the change and announced by NOTIFY draftline_events
 * (an empty payload, so one transaction sends one notification). The event stream (src/live) reads it on every
 * instance and replays it to a client that reconnects with Last-Event-ID; rows older than an hour are purged.
 * session_tickets: one-use, short-lived tickets that stand for a session in a URL (an EventSource cannot send headers).
 */
export class LiveEvents1764930000000 implements MigrationInterface {
  name = 'LiveEvents1764930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "live_events" ("id" BIGSERIAL NOT NULL, "document_id" uuid NOT NULL, "kind" text NOT NULL,
      "payload" jsonb NOT NULL DEFAULT '{}', "audience" text NOT NULL, "consultation_id" uuid, "author_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "ck_live_events_audience" CHECK ("audience" IN ('drafters', 'consultation')),
      CONSTRAINT "pk_live_events" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_live_events_document" ON "live_events" ("document_id", "id")`);
    await q.query(`CREATE INDEX "ix_live_events_created" ON "live_events" ("created_at")`);
    await q.query(`CREATE TABLE "session_tickets" ("ticket_hash" text NOT NULL, "token_hash" text NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_session_tickets" PRIMARY KEY ("ticket_hash"))`);
    await q.query(`CREATE INDEX "ix_session_tickets_token" ON "session_tickets" ("token_hash")`);
    await q.query(`ALTER TABLE "session_tickets" ADD CONSTRAINT "fk_session_tickets_session" FOREIGN KEY ("token_hash")
      REFERENCES "sessions"("token_hash") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`CREATE FUNCTION live_event(doc uuid, kind text, payload jsonb, audience text, consultation uuid, author uuid)
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO live_events (document_id, kind, payload, audience, consultation_id, author_id)
        VALUES (doc, kind, payload, audience, consultation, author);
        PERFORM pg_notify('draftline_events', '');
      END $$`);
    await q.query(`CREATE FUNCTION live_comments() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE k text;
      BEGIN
        IF TG_OP = 'INSERT' THEN k := 'comment.created';
        ELSIF NEW.status = 'withdrawn' AND OLD.status <> 'withdrawn' THEN k := 'comment.withdrawn';
        ELSIF NEW.revision <> OLD.revision THEN k := 'comment.edited';
        ELSE RETURN NULL;
        END IF;
        PERFORM live_event(NEW.document_id, k, jsonb_build_object('commentId', NEW.id, 'versionNumber', NEW.version_number,
          'clauseKey', NEW.clause_key), 'consultation', NEW.consultation_id, NEW.author_id);
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER "trg_comments_live" AFTER INSERT OR UPDATE ON "comments" FOR EACH ROW EXECUTE FUNCTION live_comments()`,
    );
    await q.query(`CREATE FUNCTION live_comment_thread() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE c record; k text; extra jsonb;
      BEGIN
        SELECT id, document_id, consultation_id, author_id, version_number, clause_key INTO c FROM comments WHERE id = NEW.comment_id;
        IF TG_TABLE_NAME = 'comment_replies' THEN
          k := 'comment.replied'; extra := jsonb_build_object('byAuthor', NEW.author_id = c.author_id);
        ELSIF NEW.outcome = 'reopened' THEN k := 'comment.reopened'; extra := '{}';
        ELSE k := 'comment.decided'; extra := jsonb_build_object('outcome', NEW.outcome);
        END IF;
        PERFORM live_event(c.document_id, k, jsonb_build_object('commentId', c.id, 'versionNumber', c.version_number,
          'clauseKey', c.clause_key) || extra, 'consultation', c.consultation_id, c.author_id);
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER "trg_comment_decisions_live" AFTER INSERT ON "comment_decisions" FOR EACH ROW EXECUTE FUNCTION live_comment_thread()`,
    );
    await q.query(
      `CREATE TRIGGER "trg_comment_replies_live" AFTER INSERT ON "comment_replies" FOR EACH ROW EXECUTE FUNCTION live_comment_thread()`,
    );
    await q.query(`CREATE FUNCTION live_versions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM live_event(NEW.document_id, 'version.created', jsonb_build_object('number', NEW.number, 'label', NEW.label), 'drafters', NULL, NULL);
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER "trg_versions_live" AFTER INSERT ON "versions" FOR EACH ROW EXECUTE FUNCTION live_versions()`,
    );
    await q.query(`CREATE FUNCTION live_consultations() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM live_event(NEW.document_id, CASE WHEN TG_OP = 'INSERT' THEN 'consultation.opened' ELSE 'consultation.changed' END,
          jsonb_build_object('consultationId', NEW.id, 'versionNumber', NEW.version_number), 'consultation', NEW.id, NULL);
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER "trg_consultations_live" AFTER INSERT OR UPDATE ON "consultations" FOR EACH ROW EXECUTE FUNCTION live_consultations()`,
    );
    await q.query(`CREATE FUNCTION live_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.payload->>'documentId' IS NULL OR (NEW.done = OLD.done AND NEW.status = OLD.status) THEN RETURN NULL; END IF;
        PERFORM live_event((NEW.payload->>'documentId')::uuid, 'job.progress', jsonb_build_object('jobId', NEW.id, 'jobKind', NEW.kind,
          'status', NEW.status, 'done', NEW.done, 'total', NEW.total), 'drafters', NULL, NULL);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "trg_jobs_live" AFTER UPDATE ON "jobs" FOR EACH ROW EXECUTE FUNCTION live_jobs()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [t, trg] of [
      ['jobs', 'trg_jobs_live'],
      ['consultations', 'trg_consultations_live'],
      ['versions', 'trg_versions_live'],
      ['comment_replies', 'trg_comment_replies_live'],
      ['comment_decisions', 'trg_comment_decisions_live'],
      ['comments', 'trg_comments_live'],
    ]) {
      await q.query(`DROP TRIGGER IF EXISTS "${trg}" ON "${t}"`);
    }
    for (const f of ['live_jobs', 'live_consultations', 'live_versions', 'live_comment_thread', 'live_comments'])
      await q.query(`DROP FUNCTION IF EXISTS ${f}()`);
    await q.query(`DROP FUNCTION IF EXISTS live_event(uuid, text, jsonb, text, uuid, uuid)`);
    await q.query(`DROP TABLE IF EXISTS "session_tickets"`);
    await q.query(`DROP TABLE IF EXISTS "live_events"`);
  }
}
