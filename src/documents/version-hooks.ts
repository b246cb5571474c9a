import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface VersionAdded {
  documentId: string;
  versionId: string;
  number: number;
  /** The version it is based on (lineage runs from it), or null for a first version. */
  parent: { id: string; number: number } | null;
  /** Who added it. */
  actorId: string;
  /** Comments the new version carries out (see CreateVersionDto.implements); empty when none were named. */
  implements: string[];
}

export type VersionAddedHook = (em: EntityManager, event: VersionAdded) => Promise<void>;

/** A drafter corrected which clause of the based-on version a clause of `number` continues. */
export interface AlignmentCorrected {
  documentId: string;
  number: number;
  /** The based-on version. */
  parent: { id: string; number: number };
  /** Ids of the corrected version and of every version descended from it (their keys were renamed). */
  versionIds: string[];
  /** Keys, as they stand in the based-on version, of the clauses whose continuation changed. */
  parentKeys: string[];
}

export type AlignmentCorrectedHook = (em: EntityManager, event: AlignmentCorrected) => Promise<void>;

/**
 * Lets other areas act inside the transaction that adds a version (e.g. comments carry their anchors into it)
 * without the documents area knowing them. Hooks register at module init.
 */
@Injectable()
export class VersionHooks {
  private readonly hooks: VersionAddedHook[] = [];
  private readonly correctionHooks: AlignmentCorrectedHook[] = [];

  onVersionAdded(hook: VersionAddedHook): void {
    this.hooks.push(hook);
  }

  onAlignmentCorrected(hook: AlignmentCorrectedHook): void {
    this.correctionHooks.push(hook);
  }

  async versionAdded(em: EntityManager, event: VersionAdded): Promise<void> {
    for (const hook of this.hooks) await hook(em, event);
  }

  async alignmentCorrected(em: EntityManager, event: AlignmentCorrected): Promise<void> {
    for (const hook of this.correctionHooks) await hook(em, event);
  }
}
