import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsDefined, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { StrictNumber, VERSION_NUMBER } from '../common/strict-number';
import { VISIBILITIES, type Visibility } from './consultations.entities';

export class OpenConsultationDto {
  @ApiProperty({ description: 'The version released for comment', example: 2, minimum: 1, maximum: VERSION_NUMBER.max })
  @StrictNumber(VERSION_NUMBER)
  versionNumber: number;

  @ApiPropertyOptional({ example: '讨论稿征求意见' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string;

  @ApiProperty({ example: '2025-12-01T00:00:00+08:00' })
  @IsDateString()
  opensAt: string;

  @ApiProperty({
    example: '2025-12-15T00:00:00+08:00',
    description: 'Exclusive: comments are accepted in [opensAt, closesAt)',
  })
  @IsDateString()
  closesAt: string;

  @ApiProperty({
    description: '"all" (every delegate) or a list of group ids',
    oneOf: [
      { type: 'string', enum: ['all'] },
      { type: 'array', items: { type: 'string', format: 'uuid' } },
    ],
  })
  @IsDefined()
  audience: 'all' | string[];

  @ApiProperty({
    enum: VISIBILITIES,
    description:
      'drafters: a delegate sees only their own comments; participants: everyone in the consultation sees all',
  })
  @IsIn(VISIBILITIES)
  visibility: Visibility;
}

export interface ConsultationView {
  id: string;
  documentId: string;
  versionNumber: number;
  title: string;
  opensAt: Date;
  closesAt: Date;
  audience: 'all' | string[];
  visibility: Visibility;
  createdBy: string;
  createdAt: Date;
  /** Whether comments are accepted now. */
  open: boolean;
}

export interface PendingGroup {
  group: { id: string; name: string };
  delegates: number;
  commented: number;
  /** Delegates of the group with no comment in this consultation yet. */
  pending: { id: string; username: string; displayName: string }[];
}
