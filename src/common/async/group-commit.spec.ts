import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('runs items submitted together as one batch, each caller getting its own result', async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number, number>(async (items) => {
      batches.push(items);
      return items.map((i) => i * 10);
    }, 100, 1);
    expect(await Promise.all([1, 2, 3].map((i) => group.submit(i)))).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('gathers what arrives while a batch runs into the next one, up to the batch size', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const group = new GroupCommit<number, number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await gate;
      return items;
    }, 3, 1);
    const first = group.submit(0);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [1, 2, 3, 4, 5].map((i) => group.submit(i));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[0]]);
    release();
    expect(await Promise.all([first, ...rest])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(batches).toEqual([[0], [1, 2, 3], [4, 5]]);
  });

  it('retries a failed batch item by item, so only the bad item fails', async () => {
    const batches: string[][] = [];
    const group = new GroupCommit<string, string>(async (items) => {
      batches.push(items);
      if (items.includes('bad')) throw new Error('bad item');
      return items.map((i) => i.toUpperCase());
    }, 10, 2);
    const results = await Promise.allSettled(['a', 'bad', 'c'].map((i) => group.submit(i)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 'A' },
      { status: 'rejected', reason: new Error('bad item') },
      { status: 'fulfilled', value: 'C' },
    ]);
    expect(batches).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('runs at most maxInFlight batches at once', async () => {
    let running = 0;
    let peak = 0;
    const group = new GroupCommit<number, number>(async (items) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return items;
    }, 1, 2);
    await Promise.all(Array.from({ length: 10 }, (_, i) => group.submit(i)));
    expect(peak).toBe(2);
  });
});
