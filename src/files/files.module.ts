import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { FILE_STORAGE, LocalDiskStorage } from './file-storage';
import { FilesApiController } from './files.api.controller';
import { FilesService } from './files.service';
import { UploadScreening } from './upload-screening.service';

/** Attachments and the document store. Swap FILE_STORAGE for an S3-compatible implementation to move contents off the disk. */
@Module({
  providers: [
    { provide: FILE_STORAGE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalDiskStorage(join(config.dataDir, 'files')) },
    UploadScreening,
    FilesService,
  ],
  controllers: [FilesApiController],
  exports: [FilesService, FILE_STORAGE],
})
export class FilesModule {}
