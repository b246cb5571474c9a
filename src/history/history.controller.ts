import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuthErrors } from '../common/api-responses';
import { BlameResponseDto, HistoryEntryDto } from './history.responses';
import { type AuthUser, CurrentUser } from '../auth/auth.decorators';
import { VersionNumberPipe } from '../common/strict-number';
import { HistoryService } from './history.service';

@ApiTags('history')
@ApiBearerAuth()
@Controller('api/documents')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get(':id/clauses/:key/history')
  @ApiOperation({
    summary: 'A clause through every version (a delegate: those released to them): wording, change, lineage, comments',
  })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiAuthErrors(404)
  get(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('key') key: string) {
    return this.history.history(user, id, key);
  }

  @Get(':id/versions/:number/clauses/:key/blame')
  @ApiOperation({
    summary:
      "Who wrote which words: the clause's text in runs, each with the version that introduced it and the adopted comments behind it",
  })
  @ApiOkResponse({ type: BlameResponseDto })
  @ApiAuthErrors(404)
  blame(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('number', VersionNumberPipe) number: number,
    @Param('key') key: string,
  ) {
    return this.history.blame(user, id, number, key);
  }
}
