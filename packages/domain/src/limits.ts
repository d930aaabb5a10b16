// Limits the server enforces and the web app checks before it sends: declared once, here.

/** Uploads above this are refused with 413 (deliverable files); bigger files go by link. */
export const DELIVERABLE_MAX_BYTES = 5 * 1024 * 1024;
