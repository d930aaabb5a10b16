// The kanji of the first two school grades (issue 9 barrier 11, easy-read Japanese): readers of
// easy-read text are expected to know these; every other kanji gets furigana.
//
// Source: 文部科学省「小学校学習指導要領（平成29年告示）」別表「学年別漢字配当表」, in force from
// April 2020: 第1学年 80 字, 第2学年 160 字 (240 in all). The 2020 revision moved no kanji into or out
// of grades 1–2 (its changes were the 20 prefecture-name kanji added to grade 4 and moves among
// grades 4–6).

export const KANJI_GRADE_1 =
  "一右雨円王音下火花貝学気九休玉金空月犬見五口校左三山子四糸字耳七車手十出女小上森人水正生青夕石赤千川先早草足村大男竹中虫町天田土二日入年白八百文木本名目立力林六";

export const KANJI_GRADE_2 =
  "引羽雲園遠何科夏家歌画回会海絵外角楽活間丸岩顔汽記帰弓牛魚京強教近兄形計元言原戸古午後語工公広交光考行高黄合谷国黒今才細作算止市矢姉思紙寺自時室社弱首秋週春書少場色食心新親図数西声星晴切雪船線前組走多太体台地池知茶昼長鳥朝直通弟店点電刀冬当東答頭同道読内南肉馬売買麦半番父風分聞米歩母方北毎妹万明鳴毛門夜野友用曜来里理話";

/** The 240 kanji of grades 1 and 2. */
export const EARLY_GRADE_KANJI: ReadonlySet<string> = new Set([...KANJI_GRADE_1, ...KANJI_GRADE_2]);

/** Kanji and the kanji-like marks (々 repeats the one before; 〆 and ヶ are read as words). */
export const KANJI_PATTERN = /[\p{Script=Han}々〆ヶ]/u;

/** Does this character need furigana in easy-read text (a kanji outside grades 1–2)? */
export function needsReading(char: string): boolean {
  return KANJI_PATTERN.test(char) && !EARLY_GRADE_KANJI.has(char);
}

/** Does this text hold a kanji outside grades 1–2? */
export function hasHardKanji(text: string): boolean {
  for (const char of text) if (needsReading(char)) return true;
  return false;
}
