import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AccountsModule } from '../accounts/accounts.module';
import { LiveModule } from '../live/live.module';
import { HealthController } from './health.controller';

@Module({ imports: [TerminusModule, AccountsModule, LiveModule], controllers: [HealthController] })
export class HealthModule {}
