import { Module } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { AuthController, UsersController } from './accounts.controller';
import { LoginThrottleService } from './login-throttle.service';
import { SessionsService } from './sessions.service';

@Module({
  controllers: [AuthController, UsersController],
  providers: [AccountsService, SessionsService, LoginThrottleService],
  exports: [AccountsService, SessionsService],
})
export class AccountsModule {}
