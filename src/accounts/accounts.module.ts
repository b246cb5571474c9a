import { Module } from '@nestjs/common';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { AuthController, UsersController } from './accounts.controller';
import { LoginThrottleService } from './login-throttle.service';
import { SessionRevocations } from './session-revocations';
import { SessionsService } from './sessions.service';

@Module({
  controllers: [AuthController, UsersController],
  providers: [AccountsService, AccountsRepository, SessionsService, LoginThrottleService, SessionRevocations],
  exports: [AccountsService, SessionsService, SessionRevocations],
})
export class AccountsModule {}
