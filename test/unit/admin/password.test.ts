import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../src/answers/store/password.js';

describe('scrypt passwords', () => {
  it('hashes with a random salt and stored parameters, and verifies', async () => {
    const a = await hashPassword('村里的密码 123');
    const b = await hashPassword('村里的密码 123');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('村里的密码 123', a)).toBe(true);
    expect(await verifyPassword('村里的密码 124', a)).toBe(false);
  });

  it('rejects malformed stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$0$8$1$c2FsdA==$aGFzaA==')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$1$2$3$4$5')).toBe(false);
  });
});
