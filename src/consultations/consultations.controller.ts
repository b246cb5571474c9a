import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuthErrors } from '../common/api-responses';
import { ConsultationResponseDto, PendingGroupDto } from './consultations.responses';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { OpenConsultationDto } from './consultations.dto';
import { ConsultationsService } from './consultations.service';

@ApiTags('consultations')
@ApiBearerAuth()
@Controller('api')
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Roles('admin', 'drafter')
  @Post('documents/:id/consultations')
  @ApiOperation({ summary: 'Open a consultation: release a version to all delegates or chosen groups for a window' })
  @ApiCreatedResponse({ type: ConsultationResponseDto })
  @ApiAuthErrors(404)
  open(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: OpenConsultationDto) {
    return this.consultations.open(user, id, dto);
  }

  @Get('documents/:id/consultations')
  @ApiOperation({ summary: "A document's consultations (a delegate sees those addressed to them)" })
  @ApiOkResponse({ type: [ConsultationResponseDto] })
  @ApiAuthErrors()
  list(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.consultations.list(user, id);
  }

  @Get('consultations/:id')
  @ApiOkResponse({ type: ConsultationResponseDto })
  @ApiAuthErrors(404)
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.consultations.get(user, id);
  }

  @Roles('admin', 'drafter')
  @Post('consultations/:id/close')
  @ApiOperation({ summary: 'Close the window now' })
  @ApiCreatedResponse({ type: ConsultationResponseDto, description: 'The consultation, closed' })
  @ApiAuthErrors(404)
  close(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.consultations.close(user, id);
  }

  @Roles('admin', 'drafter')
  @Get('consultations/:id/pending')
  @ApiOperation({ summary: 'Per group: delegates who have not commented yet' })
  @ApiOkResponse({ type: [PendingGroupDto] })
  @ApiAuthErrors(404)
  pending(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.consultations.pending(user, id);
  }
}
