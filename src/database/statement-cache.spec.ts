import { StatementCache } from './statement-cache';

describe('StatementCache', () => {
  it('runs a text unnamed on its first use and prepared under one name from its second', () => {
    const cache = new StatementCache('s', 10, 2);
    expect(cache.use('SELECT $1')).toEqual({ name: null, dropped: [] });
    expect(cache.use('SELECT $1')).toEqual({ name: 's_1', dropped: [] });
    expect(cache.use('SELECT $1')).toEqual({ name: 's_1', dropped: [] });
    expect(cache.use('SELECT $2')).toEqual({ name: null, dropped: [] });
  });

  it('drops the least recently used texts beyond its size, answering the prepared names to free', () => {
    const cache = new StatementCache('s', 2, 1);
    cache.use('a');
    cache.use('b');
    cache.use('a'); // b is now the least recently used
    expect(cache.use('c')).toEqual({ name: 's_3', dropped: ['s_2'] });
    // a dropped text starts again, under a new name
    expect(cache.use('b')).toEqual({ name: 's_4', dropped: ['s_1'] });
  });

  it('forgets a text on request; it is prepared again under a new name', () => {
    const cache = new StatementCache('s', 10, 1);
    expect(cache.use('a').name).toBe('s_1');
    expect(cache.forget('a')).toBe('s_1');
    expect(cache.forget('a')).toBeNull();
    expect(cache.use('a').name).toBe('s_2');
  });
});
