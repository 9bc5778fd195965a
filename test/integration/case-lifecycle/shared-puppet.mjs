// A "puppet module" for WECHATY_PUPPET. Wechaty imports the module named there and calls `new` on
// its default export; this one answers with the puppet the test built (a wechaty-puppet-mock whose
// mocker the test drives), so the real bot's staff room runs on a mock group without a src change.
// Loaded by Node itself (not vitest), hence plain JavaScript.
export const PUPPET_KEY = Symbol.for('nonglian.case-lifecycle.puppet');

export default function SharedTestPuppet() {
  const puppet = globalThis[PUPPET_KEY];
  if (!puppet) throw new Error('the test has not put its puppet on globalThis yet');
  return puppet;
}
