import { Injectable } from '@nestjs/common';

/** The workflow's notion of "now": real time, or a fixed instant set by tests and demos of late dossiers. */
@Injectable()
export class WorkflowClock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date();
  }

  /** Tests only: freeze the clock (null = real time again). */
  set(at: Date | null): void {
    this.fixed = at;
  }
}
