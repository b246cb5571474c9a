import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { StrictNumber, VERSION_NUMBER } from '../common/strict-number';
import { VERSION_STAGES, type VersionStage } from './documents.entities';

export class CreateDocumentDto {
  @ApiProperty({ example: '关于推动制造业高质量发展的若干措施' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

/** The fields of a new version; `text` is absent when a file is uploaded (multipart field `file`). */
export class CreateVersionDto {
  @ApiPropertyOptional({
    description: 'The whole draft text (JSON requests). Limit: MAX_TEXT_BYTES (2 MiB by default).',
  })
  @IsOptional()
  @IsString()
  text?: string;

  @ApiPropertyOptional({ enum: ['text', 'markdown'], default: 'text' })
  @IsOptional()
  @IsString()
  format?: string;

  @ApiPropertyOptional({ example: '第十六稿' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  label?: string;

  @ApiPropertyOptional({ description: 'What changed and why' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  note?: string;

  @ApiPropertyOptional({ enum: VERSION_STAGES, default: 'drafting' })
  @IsOptional()
  @IsIn(VERSION_STAGES)
  stage?: VersionStage;

  @ApiPropertyOptional({
    description: 'Number of the version this one is based on; default: the latest',
    minimum: 1,
    maximum: VERSION_NUMBER.max,
  })
  @IsOptional()
  @StrictNumber(VERSION_NUMBER)
  basedOn?: number;

  @ApiPropertyOptional({
    type: [String],
    example: [],
    description:
      'Comments (decided 采纳 or 部分采纳) that this version carries out: each gets a decision record naming this version as ' +
      'where it was implemented, in the same transaction. In a multipart upload: ids separated by commas, or a JSON array.',
  })
  @IsOptional()
  @Transform(({ value }) => listField(value))
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'implements must hold comment ids (UUIDs)' })
  implements?: string[];
}

/** A list sent as a JSON array, or (multipart fields are strings) as "a,b" or '["a","b"]'. */
function listField(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const s = value.trim();
  if (s.startsWith('[')) {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      return value;
    }
  }
  return s ? s.split(/[\s,]+/u).filter(Boolean) : [];
}

export class CorrectAlignmentDto {
  @ApiProperty({ description: 'Key of the clause in this version whose alignment is corrected' })
  @IsString()
  @IsNotEmpty()
  clauseKey: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Key of the clause in the based-on version that this clause continues, or null: the clause is new',
  })
  @IsOptional()
  @IsString()
  previousKey: string | null;
}

export class VersionQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'text'] })
  @IsOptional()
  @IsIn(['json', 'text'])
  format?: 'json' | 'text';
}
