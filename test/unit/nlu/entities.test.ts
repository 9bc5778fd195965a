import { describe, expect, it } from 'vitest';
import { extractEntities, isValidIdNumber, maskPersonalData } from '../../../src/nlu/index.js';

describe('case numbers', () => {
  it('finds half-width and full-width case numbers and returns them half-width', () => {
    expect(extractEntities('T20261120-0007 进度咋样').caseNumbers).toEqual(['T20261120-0007']);
    expect(extractEntities('查一下Ｔ２０２６１１１８－００３２').caseNumbers).toEqual(['T20261118-0032']);
    expect(extractEntities('单号：t20261201-0105').caseNumbers).toEqual(['T20261201-0105']);
  });

  it('ignores lookalikes', () => {
    expect(extractEntities('T2026112-0007 or T20261120-07').caseNumbers).toEqual([]);
  });
});

describe('ID numbers (GB 11643)', () => {
  it('accepts numbers with a real birth date and the right check character', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('410526196503120034')).toBe(true);
  });

  it('rejects a wrong check character or an impossible date', () => {
    expect(isValidIdNumber('410526196503120035')).toBe(false);
    expect(isValidIdNumber('410526196513320031')).toBe(false);
  });

  it('reports spans on the original text, full-width digits included', () => {
    const text = '我身份证号３７１３２４１９７０１００５００２２ 帮看看';
    const [id] = extractEntities(text).idNumbers;
    expect(id?.value).toBe('３７１３２４１９７０１００５００２２');
    expect(text.slice(id?.start, id?.end)).toBe(id?.value);
  });

  it('does not extract invalid ones but still masks them', () => {
    const text = '身份证410526196513320031';
    expect(extractEntities(text).idNumbers).toEqual([]);
    expect(maskPersonalData(text)).toBe('身份证410***********0031');
  });
});

describe('phones and masking', () => {
  it('finds mobile numbers with their spans', () => {
    const text = '电话13812345678 找我';
    expect(extractEntities(text).phones).toEqual([{ value: '13812345678', start: 2, end: 13 }]);
  });

  it('finds full-width mobile numbers and masks them', () => {
    const text = '回个电话 １３８１２３４４５２１';
    expect(extractEntities(text).phones).toHaveLength(1);
    expect(maskPersonalData(text)).toBe('回个电话 １３８****４５２１');
  });

  it('masks phones and valid IDs together and leaves other digits alone', () => {
    expect(maskPersonalData('我叫王某 电话13912340876 身份证11010519491231002X 家住3组')).toBe(
      '我叫王某 电话139****0876 身份证110***********002X 家住3组',
    );
  });

  it('does not read a phone number inside an ID number', () => {
    expect(extractEntities('410526196503120034').phones).toEqual([]);
  });
});
