import { describe, expect, it } from 'vitest';
import { SENTIMENT_METHOD, scoreText } from './sentiment.ts';

describe('scoreText: polarity', () => {
  it.each([
    ['plain praise', 'Great kettle, works perfectly'],
    ['Persian praise', 'کیفیت عالی بود، ممنون'],
    ['negated negative is mildly positive', 'not bad at all'],
    ['Persian "not bad"', 'بد نبود'],
    ['stretched letters', 'خیلیییی عالیییی'],
    ['Arabic letter forms', 'خيلي خوب بود'],
    ['Finglish praise', 'kheili khoob bood mersi'],
    ['a complaint word negated', 'arrived on time and nothing was broken'],
    ['emoji', '😍👍'],
    ['a QWERTY slip of Persian praise', 'o,f hsj'],
  ])('%s is positive', (_name, text) => {
    expect(scoreText(text).score).toBeGreaterThan(0);
  });

  it.each([
    ['plain complaint', 'Terrible quality, very disappointed'],
    ['English negation', 'not happy with this'],
    ['never good', 'it was never good'],
    ['contraction', "I don't like it"],
    ['Persian negated copula', 'راضی نیستم'],
    ['Persian "was not good"', 'خوب نبود'],
    ['Persian verb negation prefix', 'اصلا نپسندیدم'],
    ['نه چندان', 'نه چندان خوب'],
    ['sarcasm in English', 'great, another broken kettle'],
    ['thanks for nothing', 'thanks for nothing'],
    ['sarcasm in Persian', 'عالی بود، دو هفته منتظر'],
    ['Finglish complaint', 'kalaa kharab bood'],
    ['Finglish negation', 'aslan razi nistam'],
    ['mixed Persian and English', 'product خراب بود، refund please'],
    ['half-spaces missing', 'کار نمی کند'],
    ['a QWERTY slip of a Persian complaint', 'ovhf fn'],
    ['a Persian-layout slip of English', 'ذقخنثد'],
    ['the verdict after "but"', 'Nice box but the kettle is useless'],
    ['angry emoji', 'seriously 😡👎'],
  ])('%s is negative', (_name, text) => {
    expect(scoreText(text).score).toBeLessThan(0);
  });

  it('weighs intensifiers', () => {
    expect(scoreText('very bad').score).toBeLessThan(scoreText('bad').score);
    expect(scoreText('خیلی بد').score).toBeLessThan(scoreText('بد').score);
    expect(scoreText('slightly bad').score).toBeGreaterThan(scoreText('bad').score);
  });

  it.each([
    ['a product name', 'The Fire TV stick arrived'],
    ['a colour', 'رنگ دودی'],
    ['a candle that burns', 'this candle burns evenly for hours'],
    ['a smoke detector', 'smoke detector installed in the hall'],
    ['fuel', 'مصرف سوخت کم'],
    ['"give" that looks like "is bad"', 'لطفا اطلاع بدهید'],
  ])('leaves words that only look like complaints alone: %s', (_name, text) => {
    expect(scoreText(text)).toMatchObject({ score: 0, intents: [] });
  });

  it('is neutral on text with no opinion', () => {
    expect(scoreText('I bought it on Monday for my brother').score).toBe(0);
    expect(scoreText('سفارش را دوشنبه ثبت کردم').score).toBe(0);
  });
});

describe('scoreText: intents', () => {
  it.each([
    ['I want a refund', 'refund'],
    ['I will file a chargeback', 'chargeback'],
    ['never again', 'churn'],
    ['still waiting for my parcel', 'waiting'],
    ['please cancel my order', 'churn'],
    ['my lawyer will hear about this', 'legal'],
    ['the charger caught fire', 'safety'],
    ['it burned my hand', 'safety'],
    ['پول را برگردانید', 'refund'],
    ['پولم رو لطفا پس بدید', 'refund'],
    ['میخواهم مرجوع کنم', 'return'],
    ['هنوز نرسیده', 'waiting'],
    ['سه بار پیگیری کردم', 'waiting'],
    ['شکایت میکنم', 'legal'],
    ['دیگر نمی‌خرم', 'churn'],
    ['دیگه هیچوقت ازتون نمیخرم', 'churn'],
    ['کلاهبرداری است', 'fraud'],
    ['خطرناک است', 'safety'],
    ['شارژر آتش گرفت', 'safety'],
    ['poolamo pas bedid', 'refund'],
  ])('%s → %s', (text, intent) => {
    const result = scoreText(text);
    expect(result.intents).toContain(intent);
    expect(result.score).toBeLessThan(0);
  });

  it('keeps a complaint intent when it is negated: "no refund" is still about a refund', () => {
    expect(scoreText('they gave me no refund').intents).toContain('refund');
  });

  it('drops a defect when it is negated', () => {
    expect(scoreText('not broken, not late').intents).toEqual([]);
  });

  it('says which phrases counted', () => {
    expect(scoreText('not happy, I want a refund').hits).toEqual(['not happy', 'refund']);
    expect(scoreText('راضی نیستم').hits).toEqual(['راضی نیستم']);
  });
});

describe('scoreText: language and method', () => {
  it.each([
    ['The kettle is fine', 'en'],
    ['کتری خوب است', 'fa'],
    ['kheili kharab bood', 'fa'],
    ['the kettle خراب بود and I want a refund', 'mixed'],
  ] as const)('%s is %s', (text, lang) => {
    expect(scoreText(text).lang).toBe(lang);
  });

  it('uses the hint for text with no letters', () => {
    expect(scoreText('👍', 'fa').lang).toBe('fa');
  });

  it('names its method', () => {
    expect(scoreText('ok').method).toBe(SENTIMENT_METHOD);
  });
});

describe('scoreText: shop language that generalises', () => {
  it.each([
    ['an inflected English verb (broke)', 'the zipper broke'],
    ['a participle (broken)', 'arrived broken'],
    ['an irregular form (torn)', 'the bag was torn'],
    ['-ing and -ed forms (leaking, leaked)', 'it leaked everywhere'],
    ['"stopped working" in any tense', 'it stops working when warm'],
    ['a misspelt stem (stoped)', 'stoped working after a weak'],
    ['died, dead, dies', 'Battery dies in an hour'],
    ['"like" comparing does not cancel "cheap"', 'Cheap plastic, feels like a toy'],
    ['an idiom', "Don't waste your money"],
    ['a one-word verdict', 'Junk'],
    ['a one-edit typo of a long word', 'terible'],
    ['a time to failure', 'Quit on me after two weeks'],
    ['a negated function verb', "The lid doesn't close"],
    ['Persian past stem', 'بعد از دو هفته سوخت'],
    ['Persian present form of the same verb', 'همش میسوزه'],
    ['Persian perfect form', 'دوتاش سوخته'],
    ['Persian past of شکستن', 'وسط کار شکست'],
    ['Persian spoken copula', 'کیفیتش افتضاحه'],
    ['Persian idiom', 'پولتونو دور نریزید'],
    ['Persian "no longer" + negated verb', 'دیگه شارژ نمیکنه'],
    ['Persian negated verb with nothing to turn', 'طرف صدامو نمیشنوه'],
    ['Persian typo (ح → ه)', 'جنس پارچه افتضاه بود'],
    ['Persian with Arabic letters', 'كيفيتش خيلي پايينه'],
    ['Persian with an English brand word', 'هدفون Sony بعد از یه ماه از کار افتاد'],
  ])('%s is negative', (_name, text) => {
    expect(scoreText(text).score).toBeLessThanOrEqual(-1);
  });

  it.each([
    ['"not bad"', 'not bad at all'],
    ["can't complain", "can't complain"],
    ['a fear the text then denies', "I was worried it would break but it's solid"],
    ['a complaint about the previous product', 'My previous charger stopped working, this one is much better'],
    ['a negated complaint', "Doesn't leave my skin greasy. Love it."],
    ['zero of a complaint', 'Zero breakouts after a month of use.'],
    ['Persian "no problem at all"', 'هیچ مشکلی نداره'],
    ['Persian "was not bad at all"', 'بد نبود اصلا، عالیه'],
    ['Persian "no longer" turning a complaint', 'مشکلم حل شد، گوشیم دیگه داغ نمیکنه'],
    ['Persian quibble in praise', 'خیلی خوبه فقط کاش ارزون‌تر بود'],
    ['Persian negated verb turning a complaint', 'پوستمو اصلا چرب نمیکنه'],
    ['an English sentence whose word spells Persian on the other layout', 'Keeps drinks cold for a whole day.'],
  ])('%s is not negative', (_name, text) => {
    expect(scoreText(text).score).toBeGreaterThan(-1);
  });

  it.each([
    ['praise, but a defect', 'Super comfy and warm, love the colour, but the zip is already stuck'],
    ['praise, then "shame" and a defect', 'Beautiful, sturdy, love it. Shame one leg was scratched.'],
    ['Persian praise, but it tore', 'عالیه خیلی خوشگله ولی بند کفشش پاره شد'],
  ])('a real problem as the verdict of a mixed text is a complaint: %s', (_name, text) => {
    expect(scoreText(text).score).toBeLessThanOrEqual(-1);
  });

  it.each([
    ['a problem before the "but"', 'Delivery was a day late but the product is excellent'],
    ['a fear the "but" denies', "I was worried it would break but it's solid"],
    ['a Persian idiom that only looks like "came off"', 'انتظار زیادی نداشتم ولی عالی از آب در اومد'],
  ])('praise stays the verdict: %s', (_name, text) => {
    expect(scoreText(text).score).toBeGreaterThan(0);
  });

  it('reports praise and complaint apart, for the "signals conflict" test', () => {
    const s = scoreText('Great sound but it broke');
    expect(s.positive).toBeGreaterThan(0);
    expect(s.negative).toBeLessThan(0);
  });
});

describe('scoreText: complaints that name no defect word (probe 8 families)', () => {
  it.each([
    ['a return the shopper was forced into', 'Had to send the boots back, they pinch at the toes'],
    ['an exchange asked for', 'I need an exchange, wrong size'],
    ['sizing that is off', 'Sizing is way off'],
    ['a smell that is off', 'The scent is off'],
    ['a texture word', 'The texture is weird, kind of slimy'],
    ['fit that digs in', 'Waistband digs in when I sit'],
    ['a thing that only works on a condition', 'Only turns on if I hold the button for ages'],
    ['a short life named by its length', 'Lasted a week and then the left earbud went silent'],
    ['a clock that loses time', 'Loses 5 minutes a day'],
    ['a shortfall in the quantity ordered', 'Ordered 3 candles, only 2 came'],
    ['the wrong thing sent', 'Got a blue one instead'],
    ['a wait counted in days', "Still nothing. It's been two weeks now"],
    ['nobody answering', 'Nobody ever answered my emails'],
    ['charged twice', 'They charged me twice'],
    ['not like the listing', "Doesn't look like the photo at all"],
    ['a comparison with the listing', 'Way darker than the pictures'],
    ['a verdict that ends with "though"', 'Sound is decent. Mic is useless though.'],
    ['Persian return in a spoken form', 'پسش دادم'],
    ['Persian short life', 'ده دقیقه کار میکنه بعد خاموش میشه'],
    ['Persian works only on a condition', 'فقط وقتی سیمشو نگه میدارم کار میکنه'],
    ['Persian shortfall', 'سه تا سفارش دادم فقط یکیش اومد'],
    ['Persian ordered one size, got another', 'لارج گرفتم اندازه اسمال بود'],
    ['Persian shorter than described', 'آستینش کوتاهتر از چیزیه که نوشته بودن'],
    ['Persian "it said sent, but"', 'گفتن ارسال شده ولی هنوز تو انباره'],
    ['Persian missing from the box', 'دفترچه راهنما تو جعبه نبود'],
    ['Persian "don\'t buy from"', 'از این فروشگاه خرید نکنید'],
    ['Persian stalling', 'هی امروز فردا میکنن'],
    ['Persian not worth its money', 'ارزش پولشو نداره'],
    ['Finglish churn', 'dige az inja kharid nemikonam'],
    ['a parcel thrown over the fence', 'Courier chucked the box over the gate'],
    ['a thermos that does not keep drinks hot', "The flask doesn't keep my coffee hot"],
    ['a callback promised and not made', 'They promised to call. That was last week.'],
    ['Persian colour that bleeds', 'رنگش تو ماشین لباسشویی پس داد'],
    ['Persian "nothing to do with the picture"', 'هیچ ربطی به عکسش نداره'],
    ['Persian "it was supposed to"', 'قرار بود ضد آب باشه'],
    ['Persian spoken annoyance', 'واقعا ضدحال بود'],
    ['Finglish short life', 'faghat ye hafte kar kard'],
  ])('%s is negative', (_name, text) => {
    expect(scoreText(text).score).toBeLessThanOrEqual(-1);
  });

  it.each([
    ['a smooth exchange', 'Exchange was painless, new size fits great'],
    ['easy returns', 'Returns were easy, no issue'],
    ['a smell praised', 'The smell is lovely, not too strong'],
    ['keeps drinks hot', 'Keeps my tea hot for hours'],
    ['a long life', 'Lasted me three years before I replaced it'],
    ['all of the order', 'Ordered 3, all 3 arrived, thanks'],
    ['a "though" that only softens', 'Pricey though, but worth it'],
    ['Persian smooth exchange', 'با یه سایز بزرگتر عوض کردم، خیلی راحت بود'],
    ['Persian praise for the photo match', 'دقیقا مثل عکسش بود'],
    ['delivered sooner than promised', 'Delivered quicker than promised.'],
    ['still soft after many washes', 'Towels still soft after twenty washes.'],
    ['Persian "does not even heat up", with هم between', 'داغ هم نمیکنه'],
    ['Persian "heats up fast"', 'تابه زود داغ میشه'],
  ])('%s is not negative', (_name, text) => {
    expect(scoreText(text).score).toBeGreaterThan(-1);
  });
});

describe('scoreText on text naming Object members', () => {
  it('scores template-injection text without throwing', () => {
    expect(() => scoreText("{{constructor.constructor('window.__xss=1')()}} __proto__ toString")).not.toThrow();
  });
});
