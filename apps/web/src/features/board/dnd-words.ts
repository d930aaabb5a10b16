// The words react-aria's drag and drop speaks and shows (the grip's name and description, what is
// announced when a drag starts, ends or is cancelled), in our own plain, polite Japanese and
// English (issue 9 barrier 9): no ドラッグ／ドロップターゲット, the board's own word 移動 instead.
// vite.config.ts puts this module in place of the library's own catalogue (its `intlStrings`
// of the dnd folder), for every locale: the app speaks only Japanese and English.
//
// Format: the library's (`@internationalized/string`): per locale, a string or a function of the
// arguments and a formatter.

interface Formatter {
  number(value: number): string;
}
type Words = Record<string, string | ((args: Record<string, string | number>, formatter: Formatter) => string)>;

const ja: Words = {
  dragItem: (args) => `「${args.itemText}」を動かす`,
  dragSelectedItems: (args, f) => `選んだ ${f.number(Number(args.count))} 件を動かす`,
  dragDescriptionKeyboard: "Enter キーを押すと、カードを動かせます。",
  dragDescriptionKeyboardAlt: "Alt キーを押しながら Enter キーを押すと、カードを動かせます。",
  dragDescriptionTouch: "2 回タップすると、カードを動かせます。",
  dragDescriptionVirtual: "クリックすると、カードを動かせます。",
  dragDescriptionLongPress: "長く押すと、カードを動かせます。",
  dragSelectedKeyboard: (args, f) => `Enter キーを押すと、選んだ ${f.number(Number(args.count))} 件を動かせます。`,
  dragSelectedKeyboardAlt: (args, f) =>
    `Alt キーを押しながら Enter キーを押すと、選んだ ${f.number(Number(args.count))} 件を動かせます。`,
  dragSelectedLongPress: (args, f) => `長く押すと、選んだ ${f.number(Number(args.count))} 件を動かせます。`,
  dragStartedKeyboard:
    "カードを動かしています。Tab キーで移動先の列を選んで、Enter キーを押してください。やめるときは Esc キーを押してください。",
  dragStartedTouch: "カードを動かしています。移動先の列を選んで、2 回タップしてください。",
  dragStartedVirtual: "カードを動かしています。移動先の列を選んで、クリックするか Enter キーを押してください。",
  endDragKeyboard: "カードを動かしています。Enter キーを押すと、やめます。",
  endDragTouch: "カードを動かしています。2 回タップすると、やめます。",
  endDragVirtual: "カードを動かしています。クリックすると、やめます。",
  dropDescriptionKeyboard: "Enter キーを押すと、ここに移動します。やめるときは Esc キーを押してください。",
  dropDescriptionTouch: "2 回タップすると、ここに移動します。",
  dropDescriptionVirtual: "クリックすると、ここに移動します。",
  dropCanceled: "移動をやめました。",
  dropComplete: "移動しました。",
  dropIndicator: "移動先",
  dropOnRoot: "移動先：",
  dropOnItem: (args) => `「${args.itemText}」の場所に移動`,
  insertBefore: (args) => `「${args.itemText}」の前に移動`,
  insertBetween: (args) => `「${args.beforeItemText}」と「${args.afterItemText}」の間に移動`,
  insertAfter: (args) => `「${args.itemText}」の後に移動`,
};

const en: Words = {
  dragItem: (args) => `Move “${args.itemText}”`,
  dragSelectedItems: (args, f) => `Move ${f.number(Number(args.count))} chosen`,
  dragDescriptionKeyboard: "Press Enter to move the card.",
  dragDescriptionKeyboardAlt: "Hold Alt and press Enter to move the card.",
  dragDescriptionTouch: "Tap twice to move the card.",
  dragDescriptionVirtual: "Click to move the card.",
  dragDescriptionLongPress: "Press and hold to move the card.",
  dragSelectedKeyboard: (args, f) => `Press Enter to move the ${f.number(Number(args.count))} chosen.`,
  dragSelectedKeyboardAlt: (args, f) => `Hold Alt and press Enter to move the ${f.number(Number(args.count))} chosen.`,
  dragSelectedLongPress: (args, f) => `Press and hold to move the ${f.number(Number(args.count))} chosen.`,
  dragStartedKeyboard:
    "You are moving the card. Press Tab to choose a column, then press Enter. To stop, press Escape.",
  dragStartedTouch: "You are moving the card. Choose a column, then tap twice.",
  dragStartedVirtual: "You are moving the card. Choose a column, then click or press Enter.",
  endDragKeyboard: "You are moving the card. Press Enter to stop.",
  endDragTouch: "You are moving the card. Tap twice to stop.",
  endDragVirtual: "You are moving the card. Click to stop.",
  dropDescriptionKeyboard: "Press Enter to move it here. To stop, press Escape.",
  dropDescriptionTouch: "Tap twice to move it here.",
  dropDescriptionVirtual: "Click to move it here.",
  dropCanceled: "Move stopped.",
  dropComplete: "Moved.",
  dropIndicator: "place to move to",
  dropOnRoot: "Move to:",
  dropOnItem: (args) => `Move to “${args.itemText}”`,
  insertBefore: (args) => `Move before “${args.itemText}”`,
  insertBetween: (args) => `Move between “${args.beforeItemText}” and “${args.afterItemText}”`,
  insertAfter: (args) => `Move after “${args.itemText}”`,
};

/** The library's keys (dnd/intl/en-US), each with our words: checked by dnd-words.test.ts. */
export const dndWords = { ja, en };

export default { "ja-JP": ja, "en-US": en };
