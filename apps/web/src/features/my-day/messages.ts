// Words of this screen, in both languages. Keys start with "myDay.". The English object must
// have exactly the keys of the Japanese one (a type error otherwise).
export const myDayJa = {
} as const;

export const myDayEn: { readonly [K in keyof typeof myDayJa]: string } = {
};
