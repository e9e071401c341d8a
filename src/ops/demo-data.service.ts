import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SecurityLogService } from '../audit/security-log.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { FILE_STORAGE, type FileStorage } from '../files/file-storage';
import { DemoDataInProductionError, describePurge, findDemoData, hasDemoData, purgeDemoData, type DemoPurgeReport } from './demo-data';
import { markProductionDatabase, typeormRunQuery } from './production-marker';

/** The production boundary at start, and the purge behind `npm run demo:purge`. */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger('DemoData');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly securityLog: SecurityLogService,
  ) {}

  /**
   * Called at start after the migrations: in production, demo data stops the boot
   * (DemoDataInProductionError names `npm run demo:purge`); a clean database is marked production,
   * after which demo seeding is refused on it.
   */
  async enforceProductionBoundary(): Promise<void> {
    if (this.config.nodeEnv !== 'production') return;
    const run = typeormRunQuery(this.ds);
    const findings = await findDemoData(run);
    if (hasDemoData(findings)) throw new DemoDataInProductionError(findings);
    await markProductionDatabase(run);
  }

  /** Removes all demo data (see demo-data.ts), then the removed files' contents; records `demo.purge`. */
  async purge(actor = 'cli'): Promise<DemoPurgeReport> {
    const report = await this.ds.transaction(async (m) => {
      const run = typeormRunQuery(m);
      const r = await purgeDemoData(run);
      // Purged under production settings: the database is production from now on.
      if (this.config.nodeEnv === 'production') await markProductionDatabase(run);
      return r;
    });
    let contentsFailed = 0;
    for (const key of report.storageKeys) {
      await this.storage.delete(key).catch((err) => {
        contentsFailed++;
        this.logger.warn(`could not delete file contents ${key}: ${String(err)}`);
      });
    }
    this.securityLog.record({
      type: 'demo.purge',
      outcome: 'success',
      subject: actor,
      action: 'demo.purge',
      reason: describePurge(report).join('; ').slice(0, 500),
      details: {
        staffAccounts: report.staffAccounts,
        citizenAccounts: report.citizenAccounts,
        sessions: report.sessions,
        apiTokens: report.apiTokens,
        demoPasswordAccountsLocked: report.demoPasswordAccountsLocked,
        partnerClients: report.partnerClients.join(',').slice(0, 300) || null,
        partnerTokens: report.partnerTokens,
        dossiers: report.dossiers,
        files: report.files,
        fileContentsFailed: contentsFailed,
        markers: report.markers.join(',') || null,
        nodeEnv: this.config.nodeEnv,
      },
    });
    return report;
  }
}
