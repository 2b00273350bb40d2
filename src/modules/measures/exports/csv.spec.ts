import { csvField, csvLine } from './csv';

describe('CSV fields (RFC 4180, formula injection)', () => {
  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "はい"')).toBe('"say ""はい"""');
    expect(csvField('一行目\n二行目')).toBe('"一行目\n二行目"');
    expect(csvField('練馬 花子')).toBe('練馬 花子');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+81')).toBe("'+81");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('＝ＳＵＭ(A1)')).toBe("'＝ＳＵＭ(A1)");
    expect(csvField('＠cmd')).toBe("'＠cmd");
  });

  it('writes numbers as numbers and null as an empty field', () => {
    expect(csvField(-2.5)).toBe('-2.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('ends every line with CRLF', () => {
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
});
