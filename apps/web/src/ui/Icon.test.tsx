// @vitest-environment jsdom
// Icons are inline SVG (ui/Icon.tsx); the source scan beside it (icon-characters.test.ts) keeps
// symbol characters out of the app.
import { describe, expect, it } from "vitest";
import { render } from "@testing-library/react";
import { Icon } from "./Icon.tsx";

describe("icons", () => {
  it("are SVG: decoration is hidden from screen readers, an icon with a label is an image with a name", () => {
    const { container } = render(
      <p>
        <Icon name="lock" /> <Icon name="warning" label="注意" />
      </p>,
    );
    const [decoration, meaningful] = container.querySelectorAll("svg");
    expect(decoration).toHaveAttribute("aria-hidden", "true");
    expect(decoration).not.toHaveAttribute("role");
    expect(decoration!.querySelector("rect, path")).not.toBeNull();
    expect(meaningful).toHaveAttribute("role", "img");
    expect(meaningful).toHaveAccessibleName("注意");
    expect(meaningful).not.toHaveAttribute("aria-hidden");
    expect(container.textContent?.trim()).toBe("");
  });
});
