import { ApiProperty } from '@nestjs/swagger';
import { GroupRefDto } from '../accounts/accounts.responses';
import { VISIBILITIES, type Visibility } from './consultations.entities';

export class ConsultationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: 'integer' }) versionNumber: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, format: 'date-time' }) opensAt: Date;
  @ApiProperty({ type: String, format: 'date-time', description: 'Exclusive' }) closesAt: Date;
  @ApiProperty({
    description: '"all" or the group ids addressed',
    oneOf: [
      { type: 'string', enum: ['all'] },
      { type: 'array', items: { type: 'string', format: 'uuid' } },
    ],
  })
  audience: 'all' | string[];
  @ApiProperty({ enum: VISIBILITIES }) visibility: Visibility;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ description: 'Whether comments are accepted now' }) open: boolean;
}

export class PendingDelegateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
}

export class PendingGroupDto {
  @ApiProperty({ type: GroupRefDto }) group: GroupRefDto;
  @ApiProperty({ type: 'integer' }) delegates: number;
  @ApiProperty({ type: 'integer' }) commented: number;
  @ApiProperty({ type: [PendingDelegateDto], description: 'Delegates with no comment in this consultation yet' })
  pending: PendingDelegateDto[];
}
