// Words of this screen, in both languages. Keys start with "board.". The English object must
// have exactly the keys of the Japanese one (a type error otherwise).
export const boardJa = {
} as const;

export const boardEn: { readonly [K in keyof typeof boardJa]: string } = {
};
