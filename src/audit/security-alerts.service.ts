import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Alert de-duplication shared by every app process (state in PostgreSQL, not in memory). */
@Injectable()
export class SecurityAlertsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * True for exactly one caller per (rule, subject) and window: inserts the row, or moves its
   * time forward only when the last alert is older than the window. Concurrent callers queue on
   * the row lock and then see the fresh time, so they get false.
   */
  async claim(rule: string, subject: string, windowMinutes: number): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO security_alerts (rule, subject, raised_at, times) VALUES ($1, $2, now(), 1)
       ON CONFLICT (rule, subject) DO UPDATE SET raised_at = now(), times = security_alerts.times + 1
         WHERE security_alerts.raised_at <= now() - make_interval(mins => $3)
       RETURNING 1`,
      [rule.slice(0, 60), subject.slice(0, 128), windowMinutes],
    );
    return rows.length === 1;
  }
}
