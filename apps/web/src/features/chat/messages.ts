// Words of this screen, in both languages. Keys start with "chat.". The English object must
// have exactly the keys of the Japanese one (a type error otherwise).
export const chatJa = {
} as const;

export const chatEn: { readonly [K in keyof typeof chatJa]: string } = {
};
