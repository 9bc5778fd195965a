import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { newestFirst } from '../../../src/db/newest-first.js';
import { random } from '../../../src/nlu/model.js';
import { useTestDatabase } from '../../helpers/db.js';

const schema = new mongoose.Schema({ at: { type: Date, required: true }, office: String }, { collection: 'newest_first_probe', versionKey: false });
schema.index({ at: -1 });
const Probe = mongoose.model('NewestFirstProbe', schema);
const DAY = 86_400_000;
const now = new Date('2026-12-05T10:00:00Z');

describe('newestFirst: the page a plain sort and limit would give, read through date windows', () => {
  useTestDatabase('newestfirst');
  beforeAll(async () => {
    await Probe.init();
    const rnd = random(7);
    const docs = [];
    // dense in the last weeks, sparse over three years, a few on the same millisecond, one just ahead of now
    for (let i = 0; i < 300; i++) docs.push({ at: new Date(now.getTime() - rnd() * 20 * DAY), office: i % 3 ? 'minzheng' : 'laodong' });
    for (let i = 0; i < 100; i++) docs.push({ at: new Date(now.getTime() - rnd() * 1100 * DAY), office: i % 5 ? 'minzheng' : 'caizheng' });
    for (let i = 0; i < 4; i++) docs.push({ at: new Date(now.getTime() - 7 * DAY), office: 'laodong' });
    docs.push({ at: new Date(now.getTime() + 60_000), office: 'caizheng' });
    await Probe.insertMany(docs);
  });

  const plain = (filter: object, limit: number) => Probe.find(filter).sort({ at: -1, _id: -1 }).limit(limit).lean();

  for (const [label, filter, limit] of [
    ['no filter, a small page', {}, 20], ['no filter, a page past the dense weeks', {}, 350], ['more than there is', {}, 1000],
    ['a rare office', { office: 'caizheng' }, 50], ['an office with none', { office: 'nobody' }, 10],
  ] as const) {
    it(`${label}`, async () => {
      const got = await newestFirst(Probe, filter, { field: 'at', limit, now });
      expect(got).toEqual(await plain(filter, limit));
    });
  }
});
