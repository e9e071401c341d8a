import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { DemoDataService } from './demo-data.service';

/** Operations: the production boundary for demo data and its purge. */
@Module({
  imports: [FilesModule],
  providers: [DemoDataService],
  exports: [DemoDataService],
})
export class OpsModule {}
