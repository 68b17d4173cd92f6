// When the language server dies, restart it, a few times; then stop trying and say so in the
// output channel and the status item, never in a storm of pop-ups. No VS Code API here, so
// the policy is unit-tested on its own.

export interface CrashDecision {
  restart: boolean;
  /** For the output channel. */
  message: string;
}

export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    readonly maxRestarts = 5,
    readonly windowMs = 3 * 60_000,
  ) {}

  onCrash(now = Date.now()): CrashDecision {
    this.crashes = [...this.crashes.filter((t) => now - t < this.windowMs), now];
    const n = this.crashes.length;
    if (n <= this.maxRestarts) {
      return {
        restart: true,
        message: `The mldesign language server stopped unexpectedly; restarting it (${n} of ${this.maxRestarts} restarts allowed in ${this.windowMs / 60_000} minutes).`,
      };
    }
    return {
      restart: false,
      message: `The mldesign language server stopped ${n} times in ${this.windowMs / 60_000} minutes and will not be restarted. Its log is above; run "mldesign: Restart Language Server" to try again.`,
    };
  }

  /** After a manual restart, start counting afresh. */
  reset(): void {
    this.crashes = [];
  }
}
