// negotiator 1.x (the one Express uses) ships no types; only what http/compression.ts calls.
declare module "negotiator" {
  import type { IncomingMessage } from "node:http";

  export default class Negotiator {
    constructor(request: Pick<IncomingMessage, "headers">);
    /** the best of `available` for the request's Accept-Encoding; among equals, the first of `preferred` */
    encoding(available: string[], options?: { preferred?: string[] }): string | undefined;
  }
}
