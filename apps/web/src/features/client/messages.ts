// Words of this screen, in both languages. Keys start with "client.". The English object must
// have exactly the keys of the Japanese one (a type error otherwise).
export const clientJa = {
} as const;

export const clientEn: { readonly [K in keyof typeof clientJa]: string } = {
};
