import { beforeAll, describe, expect, it } from 'vitest';
import { foldWidth, normalize, toSimplified } from '../../../src/nlu/normalize.js';
import { addUserWords, tokenize } from '../../../src/nlu/tokenizer.js';
import { loadIntentData } from '../../../src/nlu/data.js';
import { ServiceMatcher } from '../../../src/nlu/services.js';

describe('normalisation', () => {
  it('folds full-width letters, digits and punctuation to half-width, keeping length', () => {
    expect(foldWidth('Ｔ２０２６１１２０－０００７？')).toBe('T20261120-0007?');
    expect(foldWidth('在？？').length).toBe('在？？'.length);
  });

  it('maps traditional characters to simplified', () => {
    expect(toSimplified('我想申請五保 要準備什麼')).toBe('我想申请五保 要准备什么');
    expect(toSimplified('謝謝')).toBe('谢谢');
  });

  it('normalises case, Chinese punctuation and whitespace', () => {
    expect(normalize('  您好，請問　有人在嗎？ ')).toBe('您好,请问 有人在吗?');
    expect(normalize('OK明白')).toBe('ok明白');
  });
});

describe('tokenisation with the user dictionary', () => {
  beforeAll(() => {
    const data = loadIntentData('intents');
    addUserWords([...data.dictionary, ...new ServiceMatcher(data.services, data.homophones).words()]);
  });

  it('keeps domain words and their typo variants whole', () => {
    expect(tokenize(normalize('俺娘想办个残急证'))).toContain('残急证');
    expect(tokenize(normalize('就业失业登记证咋办'))).toContain('就业失业登记证');
    expect(tokenize(normalize('我要视频约谈'))).toContain('视频约谈');
  });

  it('drops punctuation and emoji', () => {
    expect(tokenize(normalize('早上好☀️！！'))).toEqual(['早上好']);
  });
});
