import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadNlu } from '../../../src/nlu/classifier.js';
import { modelKey, readModel } from '../../../src/nlu/model-cache.js';

/** Issue 10: the trained model is kept between starts and read back only when nothing it depends on changed. */
const dir = mkdtempSync(path.join(tmpdir(), 'nlu-cache-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

describe('the start-up model cache', () => {
  it('a second start reads the model the first one trained, and classifies exactly alike', () => {
    const first = loadNlu('intents', { cacheDir: dir });
    const files = readdirSync(dir).filter((f) => !f.startsWith('nlu-1111')).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^nlu-[0-9a-f]{16}\.f64$/);
    const key = files[0]?.slice(4, 20) ?? '';
    expect(readModel(dir, key)).toBeDefined();
    const second = loadNlu('intents', { cacheDir: dir });
    for (const text of ['低保怎么申请', '屋头老汉儿心访咋个整', '我要投诉村主任', '礼拜六开门不', '谢谢']) {
      const a = first.classify(text);
      const b = second.classify(text);
      expect([b.intent, b.confidence, b.service], text).toEqual([a.intent, a.confidence, a.service]);
    }
  });

  it('other options or other data give another key, so nothing stale is read', () => {
    expect(modelKey('intents', { soundAlike: false })).not.toBe(modelKey('intents', {}));
    expect(modelKey('intents', {})).toBe(modelKey('intents', {}));
    expect(modelKey('templates', {})).not.toBe(modelKey('intents', {}));
  });

  it('a missing or broken file means training, not a failure', () => {
    expect(readModel(dir, '0000000000000000')).toBeUndefined();
    writeFileSync(path.join(dir, 'nlu-1111111111111111.json'), '{"classes": 14, "features": [');
    writeFileSync(path.join(dir, 'nlu-1111111111111111.f64'), Buffer.alloc(16));
    expect(readModel(dir, '1111111111111111')).toBeUndefined();
    writeFileSync(path.join(dir, 'nlu-1111111111111111.json'), JSON.stringify({ classes: 14, temperature: 1, features: ['a'], bias: [0] }));
    expect(readModel(dir, '1111111111111111')).toBeUndefined();
  });
});
