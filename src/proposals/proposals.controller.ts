import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ApiAuthErrors } from '../common/api-responses';
import { CreateProposalDto, ProposalView } from './proposals.dto';
import { ProposalsService } from './proposals.service';

@ApiTags('proposals')
@ApiBearerAuth()
@Controller('api/documents')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @Roles('admin', 'drafter')
  @Post(':id/proposals')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Candidate text for the next draft: the chosen comments' suggestions applied to the base version (not stored)",
    description:
      'Each suggestion is applied where its comment stands in the base version (carried forward from the version it was made on): ' +
      'a quoted passage replaced (amend, or a remark with wording) or removed (delete); a whole clause replaced (amend) or removed ' +
      '(delete); an addition (add) inserted after the clause. Overlapping suggestions are listed in `conflicts`, none applied; ' +
      'comments that are withdrawn, not decided 采纳/部分采纳, orphaned, without wording or not in the base version are in `skipped`.',
  })
  @ApiOkResponse({ type: ProposalView })
  @ApiAuthErrors(404)
  propose(@Param('id') id: string, @Body() dto: CreateProposalDto): Promise<ProposalView> {
    return this.proposals.propose(id, dto.baseVersion, dto.commentIds);
  }
}
