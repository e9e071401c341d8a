import { Global, Injectable, Module } from '@nestjs/common';

/**
 * Business time: the one "now" of every rule about dossiers — deadlines, overdue, timeliness,
 * codes, report periods. Real time, or an instant fixed by tests (and demos of late dossiers).
 * Caches, timeouts and log timings use the real clock; nothing that decides about a dossier does.
 */
@Injectable()
export class Clock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date();
  }

  /** Tests only: freeze business time (null = real time again). */
  set(at: Date | null): void {
    this.fixed = at;
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
