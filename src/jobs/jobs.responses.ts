import { ApiProperty } from '@nestjs/swagger';
import type { JobStatus } from './jobs.entities';

export class JobResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'carry-comments' }) kind: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] }) status: JobStatus;
  @ApiProperty({ type: 'integer' }) done: number;
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'done / total' }) progress: number;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why it failed' }) error: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: Date | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The version the job works on' }) versionNumber:
    number | null;
}
