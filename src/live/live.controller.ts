import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type AuthUser, CurrentUser, TicketAuth } from '../auth/auth.decorators';
import { ApiAuthErrors } from '../common/api-responses';
import { LiveEventDto } from './live.responses';
import { LiveService } from './live.service';

@ApiTags('live')
@ApiBearerAuth()
@ApiExtraModels(LiveEventDto)
@Controller('api/documents')
export class LiveController {
  constructor(private readonly live: LiveService) {}

  @Get(':id/events')
  @TicketAuth()
  @ApiOperation({
    summary:
      'Server-Sent Events of a document: comments (created, edited, withdrawn, decided, reopened, replied), versions, consultations, job progress',
    description:
      'Authenticated by the Authorization header or, for a browser EventSource, by ?ticket= from POST /api/auth/ticket (one use, 30 s). ' +
      'Each user receives only events about what they may read. Each event is `event: <kind>` with `data: {id, kind, documentId, …ids}`: ' +
      'identifiers only — read what changed through the usual routes. `id:` is a position: reconnect with Last-Event-ID (or ?lastEventId=) ' +
      'to receive what was missed (events are kept an hour; older: `event: reset`, read everything again). An event may come twice ' +
      '(same data.id). A comment line every 15 s; the stream ends with `event: unauthenticated` when the session ends and `event: shutdown` ' +
      'when the instance stops.',
  })
  @ApiQuery({ name: 'ticket', required: false, description: 'one-use ticket instead of the Authorization header' })
  @ApiQuery({
    name: 'lastEventId',
    required: false,
    description: 'position to resume from (as the Last-Event-ID header)',
  })
  @ApiOkResponse({
    description: `An event stream that never ends by itself; each event's data is JSON: ${getSchemaPath(LiveEventDto)}`,
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiAuthErrors(404)
  async events(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query('lastEventId') lastEventId: string | undefined,
    // read by the guard; declared here so that the input checks see it too (a NUL in it is a 400 like anywhere)
    @Query('ticket') _ticket: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const resume = (req.headers['last-event-id'] as string | undefined) ?? lastEventId;
    await this.live.open(user, (req as Request & { sessionTokenHash: string }).sessionTokenHash, id, resume, req, res);
  }
}
