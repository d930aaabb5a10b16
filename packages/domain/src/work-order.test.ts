import { describe, expect, it } from "vitest";
import { isRevisionRequestOpen } from "./work-order.ts";

describe("a revision request stands until the order is delivered again", () => {
  const delivered = "2026-11-23T07:00:00.000Z";
  const requested = "2026-11-24T01:15:00.000Z";

  it("stands while the order waits for the revision and while it is reworked", () => {
    expect(isRevisionRequestOpen({ status: "revision_requested", deliveredAt: delivered }, requested)).toBe(true);
    expect(isRevisionRequestOpen({ status: "in_progress", deliveredAt: delivered }, requested)).toBe(true);
  });

  it("ends when the order is delivered again (and stays ended once completed)", () => {
    const again = "2026-11-24T06:00:00.000Z";
    expect(isRevisionRequestOpen({ status: "delivered", deliveredAt: again }, requested)).toBe(false);
    expect(isRevisionRequestOpen({ status: "completed", deliveredAt: again }, requested)).toBe(false);
    // a later revision request on the same order stands again
    expect(
      isRevisionRequestOpen({ status: "revision_requested", deliveredAt: again }, "2026-11-24T07:00:00.000Z"),
    ).toBe(true);
  });

  it("does not stand for an old request once the order went back to work after a later delivery", () => {
    expect(isRevisionRequestOpen({ status: "in_progress", deliveredAt: "2026-11-24T06:00:00.000Z" }, requested)).toBe(
      false,
    );
  });

  it("takes dates as well as ISO strings", () => {
    expect(
      isRevisionRequestOpen({ status: "in_progress", deliveredAt: new Date(delivered) }, new Date(requested)),
    ).toBe(true);
  });
});
