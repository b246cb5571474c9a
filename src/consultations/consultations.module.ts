import { Module } from '@nestjs/common';
import { DocumentsRepository } from '../documents/documents.repository';
import { ConsultationsController } from './consultations.controller';
import { ConsultationsRepository } from './consultations.repository';
import { ConsultationsService } from './consultations.service';
import { VersionAccess } from './version-access';

/**
 * Documents import this module (for VersionAccess), so this one cannot import DocumentsModule back: it provides the
 * documents area's DocumentsRepository itself (a stateless class of named queries) for the version lookups it needs.
 */
@Module({
  controllers: [ConsultationsController],
  providers: [ConsultationsService, ConsultationsRepository, VersionAccess, DocumentsRepository],
  exports: [ConsultationsService, VersionAccess],
})
export class ConsultationsModule {}
