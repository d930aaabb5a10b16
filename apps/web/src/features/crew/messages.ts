// Words of this screen, in both languages. Keys start with "crew.". The English object must
// have exactly the keys of the Japanese one (a type error otherwise).
export const crewJa = {
} as const;

export const crewEn: { readonly [K in keyof typeof crewJa]: string } = {
};
