import { Body, Controller, Get, HttpCode, Ip, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { type AuthUser, CurrentUser, Public, Roles } from '../auth/auth.decorators';
import { CreateGroupDto, CreateUserDto, ImportUsersDto, LoginDto, TicketResponseDto, UpdateUserDto } from './accounts.dto';
import { AccountsService } from './accounts.service';
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
  @ApiOperation({ summary: 'Log in; returns a bearer token. Throttled per user name and client address: 429 with Retry-After' })
  login(@Body() dto: LoginDto, @Ip() address: string | undefined) {
    return this.accounts.login(dto.username, dto.password, address ?? 'unknown');
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request): Promise<void> {
    const token = req.headers.authorization?.replace(/^Bearer\s+/i, '');
    if (token) await this.sessions.revoke(token);
  }

  @ApiBearerAuth()
  @Post('ticket')
  @ApiOperation({
    summary: 'A one-use ticket for this session, valid 30 s, for a URL that cannot carry the Authorization header (?ticket= on the event stream)',
  })
  @ApiCreatedResponse({ type: TicketResponseDto })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  ticket(@Req() req: Request): Promise<TicketResponseDto> {
    return this.sessions.issueTicket(req.headers.authorization!.replace(/^Bearer\s+/i, ''));
  }

  @ApiBearerAuth()
  @Get('me')
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
  list() {
    return this.accounts.listUsers();
  }

  @Roles('admin')
  @Post('users')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto) {
    return this.accounts.createUser(user, dto);
  }

  @Roles('admin')
  @Patch('users/:id')
  @ApiOperation({ summary: 'Change a user (name, role, group, disabled, password); a change of rights or password ends their sessions everywhere' })
  update(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: UpdateUserDto) {
    return this.accounts.updateUser(user, id, dto);
  }

  @Roles('admin')
  @Post('users/import')
  @ApiOperation({ summary: 'Create many users from CSV (username,displayName,role,group,password); all or none' })
  import(@CurrentUser() user: AuthUser, @Body() dto: ImportUsersDto) {
    return this.accounts.importCsv(user, dto.csv);
  }

  @Roles('admin', 'drafter')
  @Get('groups')
  groups() {
    return this.accounts.listGroups();
  }

  @Roles('admin')
  @Post('groups')
  createGroup(@CurrentUser() user: AuthUser, @Body() dto: CreateGroupDto) {
    return this.accounts.createGroup(user, dto);
  }
}
