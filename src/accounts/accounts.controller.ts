import { Body, Controller, Get, HttpCode, Ip, Param, Patch, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { type AuthUser, CurrentUser, Public, Roles } from '../auth/auth.decorators';
import { CreateGroupDto, CreateUserDto, ImportUsersDto, LoginDto, UpdateUserDto } from './accounts.dto';
import {
  GroupListItemDto,
  GroupResponseDto,
  ImportUsersResponseDto,
  LoginResponseDto,
  TicketResponseDto,
  UserResponseDto,
} from './accounts.responses';
import { AccountsService } from './accounts.service';
import { ApiAuthErrors, ApiErrors } from '../common/api-responses';
import { SessionsService } from './sessions.service';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in; returns a bearer token. Throttled per user name and client address: 429 with Retry-After',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401, 429)
  login(@Body() dto: LoginDto, @Ip() address: string | undefined): Promise<LoginResponseDto> {
    return this.accounts.login(dto.username, dto.password, address ?? 'unknown');
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session is ended' })
  @ApiAuthErrors()
  async logout(@Req() req: Request): Promise<void> {
    const token = req.headers.authorization?.replace(/^Bearer\s+/i, '');
    if (token) await this.sessions.revoke(token);
  }

  @ApiBearerAuth()
  @Post('ticket')
  @ApiOperation({
    summary:
      'A one-use ticket for this session, valid 30 s, for a URL that cannot carry the Authorization header (?ticket= on the event stream)',
  })
  @ApiCreatedResponse({ type: TicketResponseDto })
  @ApiAuthErrors()
  ticket(@Req() req: Request): Promise<TicketResponseDto> {
    return this.sessions.issueTicket(req.headers.authorization!.replace(/^Bearer\s+/i, ''));
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: UserResponseDto })
  @ApiAuthErrors()
  me(@CurrentUser() user: AuthUser) {
    return this.accounts.getUser(user.id);
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('api')
export class UsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Roles('admin')
  @Get('users')
  @ApiOkResponse({ type: [UserResponseDto] })
  @ApiAuthErrors()
  list() {
    return this.accounts.listUsers();
  }

  @Roles('admin')
  @Post('users')
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiAuthErrors(409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto) {
    return this.accounts.createUser(user, dto);
  }

  @Roles('admin')
  @Patch('users/:id')
  @ApiOperation({
    summary:
      'Change a user (name, role, group, disabled, password); a change of rights or password ends their sessions everywhere',
  })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiAuthErrors(404, 409)
  update(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: UpdateUserDto) {
    return this.accounts.updateUser(user, id, dto);
  }

  @Roles('admin')
  @Post('users/import')
  @ApiOperation({ summary: 'Create many users from CSV (username,displayName,role,group,password); all or none' })
  @ApiCreatedResponse({ type: ImportUsersResponseDto })
  @ApiAuthErrors(409)
  import(@CurrentUser() user: AuthUser, @Body() dto: ImportUsersDto) {
    return this.accounts.importCsv(user, dto.csv);
  }

  @Roles('admin', 'drafter')
  @Get('groups')
  @ApiOkResponse({ type: [GroupListItemDto] })
  @ApiAuthErrors()
  groups() {
    return this.accounts.listGroups();
  }

  @Roles('admin')
  @Post('groups')
  @ApiCreatedResponse({ type: GroupResponseDto })
  @ApiAuthErrors(409)
  createGroup(@CurrentUser() user: AuthUser, @Body() dto: CreateGroupDto) {
    return this.accounts.createGroup(user, dto);
  }
}
