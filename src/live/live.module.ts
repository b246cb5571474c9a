import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { DocumentsModule } from '../documents/documents.module';
import { LiveEventsRepository } from './live-events.repository';
import { LiveHub } from './live-hub.service';
import { LiveController } from './live.controller';
import { LiveService } from './live.service';

@Module({
  imports: [AccountsModule, DocumentsModule],
  controllers: [LiveController],
  providers: [LiveHub, LiveService, LiveEventsRepository],
  exports: [LiveHub],
})
export class LiveModule {}
