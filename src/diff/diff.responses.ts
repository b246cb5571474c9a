import { ApiProperty } from '@nestjs/swagger';
import { AlignmentRowDto, ChangeSummaryDto, InlineOpDto } from '../documents/documents.responses';

export class DiffVersionRefDto {
  @ApiProperty({ type: 'integer' }) number: number;
  @ApiProperty() label: string;
}

/** One changed clause: the engine's ClauseChange as sent — a compared clause and its word-level diff. */
export class DiffChangeDto extends AlignmentRowDto {
  @ApiProperty({
    type: [InlineOpDto],
    description: 'Old text(s) against new text(s), word by word; parts joined with a line break',
  })
  inline: InlineOpDto[];
}

export class DiffResponseDto {
  @ApiProperty({ type: DiffVersionRefDto }) from: DiffVersionRefDto;
  @ApiProperty({ type: DiffVersionRefDto }) to: DiffVersionRefDto;
  @ApiProperty({ type: ChangeSummaryDto }) summary: ChangeSummaryDto;
  @ApiProperty({ type: [DiffChangeDto] }) changes: DiffChangeDto[];
}
