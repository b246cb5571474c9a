import { Module } from '@nestjs/common';
import { ConsultationsController } from './consultations.controller';
import { ConsultationsService } from './consultations.service';
import { VersionAccess } from './version-access';

@Module({
  controllers: [ConsultationsController],
  providers: [ConsultationsService, VersionAccess],
  exports: [ConsultationsService, VersionAccess],
})
export class ConsultationsModule {}
