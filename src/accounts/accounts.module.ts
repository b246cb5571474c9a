import { Module } from '@nestjs/common';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { AuthController, UsersController } from './accounts.controller';
import { LoginThrottleRepository } from './login-throttle.repository';
import { LoginThrottleService } from './login-throttle.service';
import { SessionRevocations } from './session-revocations';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

@Module({
  controllers: [AuthController, UsersController],
  providers: [
    AccountsService,
    AccountsRepository,
    SessionsService,
    SessionsRepository,
    LoginThrottleService,
    LoginThrottleRepository,
    SessionRevocations,
  ],
  exports: [AccountsService, SessionsService, SessionRevocations],
})
export class AccountsModule {}
