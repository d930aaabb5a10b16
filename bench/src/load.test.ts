import { describe, expect, it } from "vitest";
import { turnOrder } from "./load.ts";

describe("turnOrder", () => {
  it("mirrors each pair of turns, so that each side goes first as often", () => {
    expect(turnOrder(4)).toEqual([0, 1, 1, 0, 0, 1, 1, 0]);
  });

  it("gives each side one turn a round", () => {
    const order = turnOrder(5);
    expect(order.filter((i) => i === 0)).toHaveLength(5);
    expect(order.filter((i) => i === 1)).toHaveLength(5);
  });
});
