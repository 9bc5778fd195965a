/**
 * Text normalisation. `foldWidth` keeps a 1:1 character mapping so spans found on its output are spans on
 * the original text; `normalize` also maps traditional to simplified characters and squeezes whitespace.
 */

// Traditional → simplified, pairs of characters (a small table covering what villagers type for our services).
const TRAD = '請请準准備备麼么謝谢濟济報报錢钱辦办證证個个們们與与為为這这還还問问題题說说話话電电號号碼码醫医療疗殘残業业記记養养補补貼贴災灾臨临時时優优撫抚軍军屬属訪访開开務务財财資资產产員员幹干會会計计見见長长鎮镇鄉乡縣县區区嗎吗後后過过進进處处沒没對对錯错態态應应該该讓让給给領领導导約约談谈視视頻频聯联繫系係系網网線线寫写書书啟启糧粮標标參参現现實实齊齐帶带戶户門门間间關关顧顾歲岁兒儿親亲愛爱舉举訴诉權权據据經经紙纸續续單单複复製制歡欢滿满聽听燈灯樂乐傳传貧贫窮穷難难婦妇媽妈爺爷孫孙錄录詢询諮咨轉转機机剛刚東东車车禍祸費费買买賣卖價价樣样條条發发髮发將将從从來来點点鐘钟幫帮認认識识讀读學学畢毕職职層层級级審审項项額额歷历曆历週周禮礼當当屆届營营隊队組组織织黨党紀纪監监熱热邊边裡里裏里夠够妳你喫吃餓饿飯饭劃划規规則则貸贷債债稅税險险藥药檢检體体護护環环圍围園园廣广場场廠厂離离聲声響响圖图畫画節节動动頭头貴贵萬万億亿塊块雖虽雜杂壞坏舊旧簡简歸归於于況况狀状結结閱阅覽览設设並并兩两誰谁語语輸输稱称紹绍貨货遞递澇涝颱台風风損损築筑燒烧嗎吗啥啥麽么甚什獲获準准証证殯殡葬葬選选舉举貪贪腐腐賄贿賂赂罰罚務务託托稅税辭辞僱雇偽伪錯错誤误勞劳動动險险鬧闹嚴严厲厉況况幾几這这裝装樓楼層层辦办';
const TRAD_MAP = new Map<string, string>();
for (let i = 0; i + 1 < TRAD.length; i += 2) TRAD_MAP.set(TRAD[i] as string, TRAD[i + 1] as string);

/** Full-width ASCII → half-width, ideographic space → space; one output char per input UTF-16 unit. */
export function foldWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Traditional → simplified via the small table; characters not in it pass through. */
export function toSimplified(text: string): string {
  let out = '';
  for (const ch of text) out += TRAD_MAP.get(ch) ?? ch;
  return out;
}

const CJK_PUNCT = /[，。？！：；、“”‘’（）【】《》…—～·]/g;
const CJK_PUNCT_HALF: Record<string, string> = { '，': ',', '。': '.', '？': '?', '！': '!', '：': ':', '；': ';', '（': '(', '）': ')' };

/** The normalised form classification works on: half-width, simplified, lower-case, single spaces. */
export function normalize(text: string): string {
  return toSimplified(foldWidth(text))
    .replace(CJK_PUNCT, (p) => CJK_PUNCT_HALF[p] ?? ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits normalised text into runs of letters/digits/CJK, dropping punctuation, symbols and emoji. */
export function chunks(normalized: string): string[] {
  return normalized.split(/[^\p{L}\p{N}]+/u).filter((c) => c.length > 0);
}
