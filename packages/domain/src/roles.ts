export const ROLES = ["admin", "manager", "crew", "client"] as const;
export type Role = (typeof ROLES)[number];

export const WORK_STYLES = ["office", "home", "hybrid"] as const;
export type WorkStyle = (typeof WORK_STYLES)[number];

export const PLACES = ["office", "home"] as const;
export type Place = (typeof PLACES)[number];

export const LOCALES = ["ja", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const CONDITIONS = ["good", "okay", "tired", "unwell"] as const;
export type Condition = (typeof CONDITIONS)[number];

export const PRIORITIES = ["normal", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];
