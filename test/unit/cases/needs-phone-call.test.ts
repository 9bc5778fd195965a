import { beforeAll, describe, expect, it } from 'vitest';
import { CaseModel } from '../../../src/cases/index.js';
import { useTestDatabase } from '../../helpers/db.js';
import { complaint, seedRoster, serviceWithClock } from './fixtures.js';

describe('a case whose villager no channel can reach', () => {
  useTestDatabase('needsphone');
  beforeAll(seedRoster);

  it('is flagged "needs a phone call", and an unknown number changes nothing', async () => {
    const { svc } = serviceWithClock('2026-03-02T10:00:00');
    const c = await svc.createCase(complaint({ createdFromMessageId: 'wechat:np-1' }));
    expect(c.needsPhoneCall).toBe(false);
    const flagged = await svc.markNeedsPhoneCall(c.number);
    expect(flagged?.needsPhoneCall).toBe(true);
    expect((await CaseModel.findOne({ number: c.number }).lean())?.needsPhoneCall).toBe(true);
    expect(await svc.markNeedsPhoneCall('T20990101-0001')).toBeNull();
  });
});
