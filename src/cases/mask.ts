/**
 * Local masking of personal data (the complainant's identity is confidential: 001 第四条).
 * The NLU module will offer maskPersonalData for the pipeline; this one serves case cards.
 */

/** 张三丰 → 张**, 李四 → 李*. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** 13812345678 → 138****5678; a landline keeps its area code and last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[\s-]/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  const landline = /^(0\d{2,3})(\d{5,6})(\d{2})$/.exec(digits);
  if (landline) return `${landline[1]}-${'*'.repeat(landline[2]?.length ?? 5)}${landline[3]}`;
  return digits.length > 4 ? `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}` : '****';
}

/** 18-digit (or old 15-digit) ID number: first 3 and last 4 kept. */
export function maskIdNumber(id: string): string {
  return id.length > 7 ? `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}` : '*'.repeat(id.length);
}

const ID_RE = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const MOBILE_RE = /(?<!\d)(1[3-9]\d{9})(?!\d)/g;
const LANDLINE_RE = /(?<!\d)(0\d{2,3})-?(\d{7,8})(?!\d)/g;
const BANK_RE = /(?<!\d)(\d{16,19})(?!\d)/g;
/** self-introductions: 我叫李大明 / 姓名：李大明 / 名字是李大明 ("名字就不留了" is no name) */
const SELF_NAME_RE = /(我叫|本人叫|本人名叫|姓名[:：\s]*|名字(?:是|叫|[:：]\s*))([\u4e00-\u9fa5]{2,3})/g;

/** the commonest surnames (百家姓 by frequency): "我是石桥村的刘永福" introduces a person only with one of them */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤柳文敖冉庞殷裴';
/** "我是(石桥村的)刘永福", "俺是张家屯的王秀兰": a name after 我是 (and a place), ended by a space, a comma, 我 or 电话 */
const INTRODUCED_RE = new RegExp(`((?:我是|俺是|我系|本人是|我就是)(?:[\u4e00-\u9fa5]{1,4}(?:村|屯|组|社|寨|庄|镇)的?)?)([${SURNAMES}][\u4e00-\u9fa5]{1,2}?)(?=[\\s,，。;；!！电手联我俺今家住在]|$)`, 'u');

/** how a character of the name is spelled out right after it ("刘桂枝树枝的枝"): X的X */
const SPELLED = '[\u4e00-\u9fa5]{1,3}的[\u4e00-\u9fa5](?:[\\s,，。不]|$)';
/** a name standing on its own in a correction ("名字打错了 李秀英 英雄的英"), with one of the commonest surnames */
const STANDALONE_NAME_RE = new RegExp(`(?:^|[\\s,，:：是])([${SURNAMES}][\u4e00-\u9fa5]{1,2})(?=[\\s,，。;；!！]|$|${SPELLED})`, 'u');

/** A name said on its own among other words, if any (only for a reply that is about the name). */
export function standaloneName(text: string): string | undefined {
  return STANDALONE_NAME_RE.exec(text)?.[1];
}

/** The name a villager introduced themself with ("我是石桥村的刘永福我今年七十二了" → 刘永福), if any. */
export function introducedName(text: string): string | undefined {
  return INTRODUCED_RE.exec(text)?.[2];
}

/** Masks ID numbers, phone numbers, bank card numbers, self-introduced names and the given names in free text. */
export function maskText(text: string, knownNames: readonly (string | undefined)[] = []): string {
  let out = text
    .replace(ID_RE, (id: string) => maskIdNumber(id))
    .replace(BANK_RE, (n: string) => maskPhone(n))
    .replace(MOBILE_RE, (p: string) => maskPhone(p))
    .replace(LANDLINE_RE, (_m, area: string, num: string) => `${area}-${'*'.repeat(num.length - 2)}${num.slice(-2)}`)
    .replace(SELF_NAME_RE, (_m, cue: string, name: string) => `${cue}${maskName(name)}`)
    .replace(new RegExp(INTRODUCED_RE.source, 'gu'), (_m, cue: string, name: string) => `${cue}${maskName(name)}`);
  for (const name of knownNames) {
    if (name && [...name].length >= 2) out = out.split(name).join(maskName(name));
  }
  return out;
}

/** A name and phone as staff and the villager may see them ("赵** 139****5678"); empty when neither is given. */
export function maskedContact(c: { name?: string; phone?: string }): string {
  return [c.name ? maskName(c.name) : '', c.phone ? maskPhone(c.phone) : ''].filter(Boolean).join(' ');
}
