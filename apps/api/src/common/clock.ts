import { Injectable } from '@nestjs/common';

/**
 * The time that lock waits and grants are measured against. Injectable so that a test can move
 * time on instead of sleeping through a real wait (`app.get(Clock).advance(ms)` in tests).
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves this process's time on; only tests call it. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
