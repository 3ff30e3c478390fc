/**
 * Abusive words, English, Persian and Finglish, matched as whole words after folding. Only words
 * that insult or demean: mild language ("damn", "crap", "sucks", "stupid") and words that also
 * have a plain meaning (کس "anyone", گاو "cow", خر) are deliberately absent, so an angry but civil
 * complaint is not held as abuse.
 */
export const ABUSE_WORDS: readonly string[] = [
  // English
  'fuck', 'fucking', 'fucked', 'fucker', 'fuckers', 'motherfucker', 'fck', 'fuk', 'fking', 'shit', 'shitty',
  'bullshit', 'cunt', 'cunts', 'bitch', 'bitches', 'bastard', 'bastards', 'asshole', 'assholes', 'dickhead',
  'wanker', 'twat', 'prick', 'retard', 'retarded', 'slut', 'whore', 'idiot', 'idiots', 'moron', 'morons',
  'scumbag', 'scumbags', 'nigger', 'faggot',
  // Persian
  'کسکش', 'کس‌کش', 'کصکش', 'جنده', 'مادرجنده', 'حرومزاده', 'حرامزاده', 'لاشی', 'کونی', 'گوه', 'کیری', 'کیر',
  'کثافت', 'کثافتا', 'کصافت', 'احمق', 'احمقا', 'الاغ', 'بیشعور', 'بی‌شعور', 'بیشرف', 'بی‌شرف', 'عوضی', 'عوضیا',
  'پدرسوخته', 'بیناموس', 'بی‌ناموس', 'آشغال‌ها', 'حیوون',
  // Finglish
  'koskesh', 'kesafat', 'kesafata', 'ahmagh', 'avazi', 'jende', 'bishoor', 'bishour', 'bisharaf', 'harumzade',
  'haroomzade', 'lashi', 'kiri', 'gooh', 'olagh',
];

/** Phrases that advertise rather than give feedback. */
export const PROMO_PHRASES: readonly string[] = [
  'discount code', 'promo code', 'coupon code', 'buy now', 'click here', 'visit my', 'check out my',
  'follow me', 'dm me', 'whatsapp', 'telegram', 'crypto', 'bitcoin', 'make money', 'work from home',
  'earn money', 'free gift', 'limited offer', 'کد تخفیف', 'عضو کانال', 'کانال تلگرام', 'پیج اینستاگرام',
  'آیدی تلگرام', 'درآمد دلاری', 'کسب درآمد', 'فالو کنید', 'تخفیف ویژه', 'لینک در بیو',
];
