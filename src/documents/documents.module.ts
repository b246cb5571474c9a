import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { AccountsModule } from '../accounts/accounts.module';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConsultationsModule } from '../consultations/consultations.module';
import { ClausesRepository } from './clauses.repository';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { VersionHooks } from './version-hooks';
import { VersionFastPath } from './version-fast-path';
import { VersionRequests } from './version-requests.service';

@Module({
  imports: [
    AccountsModule,
    ConsultationsModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        storage: memoryStorage(),
        limits: { fileSize: config.maxUploadBytes, files: 1 },
        // browsers send file names as raw UTF-8; busboy's default would read them as Latin-1 (公司法 → å¬å¸æ³)
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [DocumentsController],
  providers: [DocumentsService, ClausesRepository, DocumentsRepository, VersionHooks, VersionRequests, VersionFastPath],
  exports: [DocumentsService, ClausesRepository, DocumentsRepository, VersionHooks, VersionFastPath],
})
export class DocumentsModule {}
