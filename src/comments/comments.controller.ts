import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiAuthErrors } from '../common/api-responses';
import { VersionNumberPipe } from '../common/strict-number';
import { CommentsReadService } from './comments-read.service';
import {
  BulkDecideDto,
  CreateCommentDto,
  DecideDto,
  ListCommentsQuery,
  ReopenDecisionDto,
  ReplyDto,
  SimilarQuery,
  UpdateCommentDto,
} from './comments.dto';
import {
  ClauseCountDto,
  CommentDetailDto,
  CommentPageDto,
  CommentResponseDto,
  DecisionResponseDto,
  MyCommentDto,
  NewReplyResponseDto,
  ReopenResponseDto,
  SimilarGroupDto,
} from './comments.responses';
import { CommentsService } from './comments.service';
import { IdempotencyKey } from './idempotency-key.decorator';
import { DecisionsService } from './decisions.service';

const VERSION_COMMENTS = 'documents/:id/versions/:number/comments';

@ApiTags('comments')
@ApiBearerAuth()
@Controller('api')
export class CommentsController {
  constructor(
    private readonly comments: CommentsService,
    private readonly read: CommentsReadService,
    private readonly decisions: DecisionsService,
  ) {}

  @Roles('delegate')
  @Post(VERSION_COMMENTS)
  @ApiOperation({ summary: 'Comment on a clause (or a passage of it) while a consultation addressed to you is open' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key returns the first comment (200)',
  })
  @ApiCreatedResponse({ type: CommentResponseDto, description: 'The comment' })
  @ApiOkResponse({
    type: CommentResponseDto,
    description: 'A retry with the same Idempotency-Key: the first comment (header Idempotent-Replayed: true)',
  })
  @ApiAuthErrors(404, 409, 413, 422)
  async create(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('number', VersionNumberPipe) number: number,
    @Body() dto: CreateCommentDto,
    @IdempotencyKey() key: string | null,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { comment, created } = await this.comments.create(user, id, number, dto, key);
    res.status(created ? 201 : 200);
    if (!created) res.setHeader('Idempotent-Replayed', 'true');
    return comment;
  }

  @Get(VERSION_COMMENTS)
  @ApiOperation({
    summary: "The comments that stand in this version (made on it or carried to it), each with this version's anchor",
  })
  @ApiOkResponse({ type: CommentPageDto })
  @ApiAuthErrors(404)
  list(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('number', VersionNumberPipe) number: number,
    @Query() q: ListCommentsQuery,
  ) {
    return this.read.list(user, id, number, q);
  }

  @Get(`${VERSION_COMMENTS}/counts`)
  @ApiOperation({ summary: 'Open comments per clause key of this version (heat map)' })
  @ApiOkResponse({ type: [ClauseCountDto] })
  @ApiAuthErrors(404)
  counts(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('number', VersionNumberPipe) number: number) {
    return this.read.counts(user, id, number);
  }

  @Roles('admin', 'drafter')
  @Get(`${VERSION_COMMENTS}/similar`)
  @ApiOperation({ summary: 'Groups of near-identical comments per clause (bigram similarity of normalised bodies)' })
  @ApiOkResponse({ type: [SimilarGroupDto] })
  @ApiAuthErrors(404)
  similar(@Param('id') id: string, @Param('number', VersionNumberPipe) number: number, @Query() q: SimilarQuery) {
    return this.decisions.similar(id, number, q);
  }

  @Get('me/comments')
  @ApiOperation({ summary: 'My comments: decision, reason, replies and where the clause stands in the latest version' })
  @ApiOkResponse({ type: [MyCommentDto] })
  @ApiAuthErrors()
  mine(@CurrentUser() user: AuthUser) {
    return this.read.mine(user);
  }

  @Get('comments/:id')
  @ApiOperation({ summary: 'A comment with its history, replies and decisions' })
  @ApiOkResponse({ type: CommentDetailDto })
  @ApiAuthErrors(404)
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.comments.get(user, id);
  }

  @Roles('delegate')
  @Patch('comments/:id')
  @ApiOperation({ summary: 'Edit your comment while the window is open (the earlier wording is kept)' })
  @ApiOkResponse({ type: CommentResponseDto })
  @ApiAuthErrors(404, 409, 413)
  update(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: UpdateCommentDto) {
    return this.comments.update(user, id, dto);
  }

  @Roles('delegate')
  @Post('comments/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw your comment while the window is open' })
  @ApiOkResponse({ type: CommentResponseDto })
  @ApiAuthErrors(404, 409)
  withdraw(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.comments.withdraw(user, id);
  }

  @Post('comments/:id/replies')
  @ApiOperation({ summary: "Reply in the comment's thread (drafting group or the comment's author)" })
  @ApiCreatedResponse({ type: NewReplyResponseDto })
  @ApiAuthErrors(404, 413)
  reply(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: ReplyDto) {
    return this.comments.reply(user, id, dto.body);
  }

  @Roles('admin', 'drafter')
  @Put('comments/:id/decision')
  @ApiOperation({ summary: 'Decide on a comment: outcome and reason (and the version that carries it out)' })
  @ApiOkResponse({ type: DecisionResponseDto })
  @ApiAuthErrors(404)
  decide(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: DecideDto) {
    return this.decisions.decideOne(user, id, dto);
  }

  @Roles('admin', 'drafter')
  @Post('comments/:id/decision/reopen')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take the decision on a comment back (with a reason): undecided again, its author may edit it',
  })
  @ApiOkResponse({ type: ReopenResponseDto })
  @ApiAuthErrors(404, 409)
  reopen(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: ReopenDecisionDto) {
    return this.decisions.reopen(user, id, dto.reason);
  }

  @Roles('admin', 'drafter')
  @Post('comments/decisions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decide on several comments at once (e.g. a group of near-identical ones)' })
  @ApiOkResponse({ type: [DecisionResponseDto] })
  @ApiAuthErrors(404)
  decideMany(@CurrentUser() user: AuthUser, @Body() dto: BulkDecideDto) {
    return this.decisions.decide(user, dto.commentIds, dto);
  }
}
