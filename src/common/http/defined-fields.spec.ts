import { definedFields } from './defined-fields';

describe('definedFields', () => {
  it('drops omitted (undefined) fields and keeps explicit nulls and falsy values', () => {
    expect(definedFields({ a: undefined, b: null, c: 0, d: '', e: false, f: 'x' })).toEqual({ b: null, c: 0, d: '', e: false, f: 'x' });
    expect(Object.keys(definedFields({ a: undefined }))).toEqual([]);
  });
});
