import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../helpers/db.js';

describe('the test database', () => {
  useTestDatabase('embedded');

  it('is a real MongoDB-wire server that enforces unique indexes', async () => {
    const Thing = mongoose.model('EmbeddedThing', new mongoose.Schema({ key: { type: String, unique: true } }));
    await Thing.init();
    await Thing.create({ key: 'a' });
    await expect(Thing.create({ key: 'a' })).rejects.toMatchObject({ code: 11000 });
    expect(await Thing.countDocuments()).toBe(1);
  });
});
