import type { DataSource } from 'typeorm';

export interface WindowCount {
  /** Hits in the current window, this one included. */
  count: number;
  /** Seconds until the window ends (database clock). */
  secondsLeft: number;
}

/**
 * Fixed-window counters in PostgreSQL (`rate_windows`), so that a limit holds across app processes
 * and machines: one statement per hit, no read-modify-write race (the upsert takes the row lock).
 * Works behind pgbouncer in transaction mode (single statements, no session state).
 */
export class RateWindows {
  constructor(
    private readonly ds: DataSource,
    private readonly scope: string,
    private readonly windowSeconds: number,
  ) {}

  /** Counts one hit and returns the window's count. */
  async hit(key: string): Promise<WindowCount> {
    const [row] = await this.ds.query(
      `INSERT INTO rate_windows AS w (scope, key, window_start, count) VALUES ($1, $2, now(), 1)
       ON CONFLICT (scope, key) DO UPDATE SET
         window_start = CASE WHEN w.window_start <= now() - make_interval(secs => $3) THEN now() ELSE w.window_start END,
         count = CASE WHEN w.window_start <= now() - make_interval(secs => $3) THEN 1 ELSE w.count + 1 END
       RETURNING count, extract(epoch FROM w.window_start + make_interval(secs => $3) - now())::float AS seconds_left`,
      [this.scope, key.slice(0, 80), this.windowSeconds],
    );
    if (Math.random() < 0.01) await this.prune();
    return { count: Number(row.count), secondsLeft: Number(row.seconds_left) };
  }

  /** The current window's count without counting (0 when the window is over or absent). */
  async peek(key: string): Promise<WindowCount> {
    const [row] = await this.ds.query(
      `SELECT count, extract(epoch FROM window_start + make_interval(secs => $3) - now())::float AS seconds_left
         FROM rate_windows WHERE scope = $1 AND key = $2 AND window_start > now() - make_interval(secs => $3)`,
      [this.scope, key.slice(0, 80), this.windowSeconds],
    );
    return row ? { count: Number(row.count), secondsLeft: Number(row.seconds_left) } : { count: 0, secondsLeft: 0 };
  }

  async reset(key: string): Promise<void> {
    await this.ds.query(`DELETE FROM rate_windows WHERE scope = $1 AND key = $2`, [this.scope, key.slice(0, 80)]);
  }

  /** Finished windows are useless; called opportunistically. */
  async prune(): Promise<void> {
    await this.ds.query(`DELETE FROM rate_windows WHERE scope = $1 AND window_start < now() - make_interval(secs => $2)`, [this.scope, this.windowSeconds * 2]);
  }
}
