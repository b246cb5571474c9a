import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { StrictNumber, VERSION_NUMBER } from '../common/strict-number';
import type { ClauseChange, CompareSummary } from '../engine/compare';

export const DIFF_FORMATS = ['json', 'html', 'docx', 'patch', 'docx-revisions'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export class DiffQueryDto {
  @ApiProperty({ description: 'Number of the old version', example: 1, minimum: 1, maximum: VERSION_NUMBER.max })
  @StrictNumber(VERSION_NUMBER)
  from: number;

  @ApiProperty({ description: 'Number of the new version', example: 2, minimum: 1, maximum: VERSION_NUMBER.max })
  @StrictNumber(VERSION_NUMBER)
  to: number;

  @ApiPropertyOptional({ enum: DIFF_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(DIFF_FORMATS, { message: `format must be one of: ${DIFF_FORMATS.join(', ')}` })
  format?: DiffFormat;
}

/**
 * One changed clause in the JSON diff: the engine's ClauseChange as sent — `{type, from, to, inline}`, plus
 * `toParts` (split) / `fromParts` (merge) listing every clause involved, and `fallback: true` when the inline diff
 * hit its time or edit bound and the clause is shown as replaced whole.
 */
export type DiffChangeView = ClauseChange;

export interface DiffView {
  from: { number: number; label: string };
  to: { number: number; label: string };
  summary: CompareSummary;
  changes: DiffChangeView[];
}
