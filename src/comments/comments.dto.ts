import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PAGE_NUMBER, StrictNumber, VERSION_NUMBER } from '../common/strict-number';
import {
  COMMENT_KINDS,
  COMMENT_STATUSES,
  type CommentKind,
  type CommentStatus,
  OUTCOMES,
  type Outcome,
} from './comments.entities';

export class QuoteDto {
  @ApiProperty({ description: 'The words commented on, exactly as in the clause text' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  exact: string;

  @ApiPropertyOptional({ description: 'Up to 32 characters before the quote' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  prefix?: string;

  @ApiPropertyOptional({ description: 'Up to 32 characters after the quote' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  suffix?: string;
}

export class CreateCommentDto {
  @ApiProperty({ description: 'Key of the clause in this version' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  clauseKey: string;

  @ApiPropertyOptional({ type: QuoteDto, description: 'A passage inside the clause; absent: the whole clause' })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuoteDto)
  quote?: QuoteDto;

  @ApiProperty({ enum: COMMENT_KINDS })
  @IsIn(COMMENT_KINDS)
  kind: CommentKind;

  @ApiProperty({
    description: 'The comment, plain text (markup is stored as text). Limit: MAX_COMMENT_CHARS (5000) → 413',
  })
  @IsString()
  @IsNotEmpty()
  body: string;

  @ApiPropertyOptional({ description: 'The wording the delegate proposes. Same limit as body' })
  @IsOptional()
  @IsString()
  suggestion?: string;
}

export class UpdateCommentDto {
  @ApiPropertyOptional({ enum: COMMENT_KINDS })
  @IsOptional()
  @IsIn(COMMENT_KINDS)
  kind?: CommentKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  body?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  suggestion?: string | null;
}

export class ListCommentsQuery {
  @ApiPropertyOptional({ description: 'Clause key' })
  @IsOptional()
  @IsString()
  clause?: string;

  @ApiPropertyOptional({ description: 'Author user id' })
  @IsOptional()
  @IsUUID()
  author?: string;

  @ApiPropertyOptional({ description: 'Group id' })
  @IsOptional()
  @IsUUID()
  group?: string;

  @ApiPropertyOptional({ enum: COMMENT_STATUSES })
  @IsOptional()
  @IsIn(COMMENT_STATUSES)
  status?: CommentStatus;

  @ApiPropertyOptional({ enum: COMMENT_KINDS })
  @IsOptional()
  @IsIn(COMMENT_KINDS)
  kind?: CommentKind;

  @ApiPropertyOptional({ default: 1, minimum: PAGE_NUMBER.min, maximum: PAGE_NUMBER.max })
  @IsOptional()
  @StrictNumber(PAGE_NUMBER)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @StrictNumber({ min: 1, max: 200 })
  pageSize?: number;
}

export class ReplyDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  body: string;
}

export class DecideDto {
  @ApiProperty({ enum: OUTCOMES, description: '采纳 / 部分采纳 / 不予采纳 / 已体现 / 留待研究' })
  @IsIn(OUTCOMES)
  outcome: Outcome;

  @ApiProperty({ description: '理由: required' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason: string;

  @ApiPropertyOptional({
    description:
      'The version that carries the decision out: only for adopted or partly adopted, and later than the version commented on',
    minimum: 1,
    maximum: VERSION_NUMBER.max,
  })
  @IsOptional()
  @StrictNumber(VERSION_NUMBER)
  implementedInVersion?: number;
}

export class ReopenDecisionDto {
  @ApiProperty({ description: '为何重新处理: required' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason: string;
}

export class BulkDecideDto extends DecideDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  commentIds: string[];
}

export class SimilarQuery {
  @ApiPropertyOptional({ description: 'Only this clause' })
  @IsOptional()
  @IsString()
  clause?: string;

  @ApiPropertyOptional({
    default: 0.8,
    minimum: 0.5,
    maximum: 1,
    description: 'Least character-bigram similarity of normalised bodies',
  })
  @IsOptional()
  @StrictNumber({ min: 0.5, max: 1, integer: false })
  threshold?: number;
}
