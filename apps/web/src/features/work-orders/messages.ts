// Words of this screen, in both languages. Keys start with "workOrder.". The English object must
// have exactly the keys of the Japanese one (a type error otherwise).
export const workOrderJa = {
} as const;

export const workOrderEn: { readonly [K in keyof typeof workOrderJa]: string } = {
};
