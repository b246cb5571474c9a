import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { DocumentsModule } from '../documents/documents.module';
import { AccessInvalidation } from './access-invalidation';
import { LiveEventsRepository } from './live-events.repository';
import { LiveHub } from './live-hub.service';
import { LiveController } from './live.controller';
import { LiveService } from './live.service';

@Module({
  imports: [AccountsModule, ConsultationsModule, DocumentsModule],
  controllers: [LiveController],
  providers: [LiveHub, LiveService, LiveEventsRepository, AccessInvalidation],
  exports: [LiveHub],
})
export class LiveModule {}
