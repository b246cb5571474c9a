import { ApiProperty, type ApiPropertyOptions, ApiPropertyOptional } from '@nestjs/swagger';

const INDICATORS: ApiPropertyOptions = {
  type: 'object' as const,
  description: 'By indicator name ("database"): its status ("up"/"down") and what it measured',
  additionalProperties: {
    type: 'object',
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
    required: ['status'],
    additionalProperties: true,
  },
};

/** @nestjs/terminus's health check result. */
export class HealthResponseDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status: 'ok' | 'error' | 'shutting_down';
  @ApiPropertyOptional(INDICATORS) info?: Record<string, { status: string }>;
  @ApiPropertyOptional(INDICATORS) error?: Record<string, { status: string }>;
  @ApiProperty(INDICATORS) details: Record<string, { status: string }>;
}
