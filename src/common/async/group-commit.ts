/**
 * Group commit: callers submit one item each and wait for its own result;
 * items that arrive while earlier batches are running are gathered and run
 * together, in one `run(items)` call (one database transaction, typically).
 * When idle an item goes out at once, alone; under load the batches grow, up
 * to `maxBatch`, with at most `maxInFlight` batches running at a time.
 *
 * `run` answers one result per item, in order. If a batch of several fails,
 * each of its items is run again alone, so one bad item fails only its own
 * caller, and everyone else gets their own result.
 */
export class GroupCommit<I, O> {
  private pending: Array<{ item: I; resolve: (result: O) => void; reject: (error: unknown) => void }> = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly maxBatch: number,
    private readonly maxInFlight: number,
  ) {
    if (maxBatch < 1 || maxInFlight < 1) throw new RangeError('maxBatch and maxInFlight must be at least 1');
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      // On the next turn of the event loop: callers submitting in the same turn share a batch.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.pending.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.pending.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.execute(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async execute(batch: GroupCommit<I, O>['pending']): Promise<void> {
    try {
      const results = await this.run(batch.map((entry) => entry.item));
      batch.forEach((entry, i) => entry.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      for (const entry of batch) {
        try {
          entry.resolve((await this.run([entry.item]))[0]);
        } catch (alone) {
          entry.reject(alone);
        }
      }
    }
  }
}
