import { Module } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { AuthController, UsersController } from './accounts.controller';
import { SessionsService } from './sessions.service';

@Module({
  controllers: [AuthController, UsersController],
  providers: [AccountsService, SessionsService],
  exports: [AccountsService, SessionsService],
})
export class AccountsModule {}
