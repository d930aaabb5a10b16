// @vitest-environment jsdom
// Links in a message as the reader gets them: real links that open in a new tab (and say so),
// without the opener, and nothing a hostile message could add to the page.
import { beforeEach, describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { setLocale } from "../../i18n/index.ts";
import { MessageBody } from "./ChatConversation.tsx";

describe("a message's links", () => {
  beforeEach(() => setLocale("ja"));

  it("are links that open in a new tab, say so, and give the new tab no way back", () => {
    render(
      <p>
        {
          <MessageBody
            body="再スキャンしました：https://files.example/sakura/slips-14-37.pdf。ご確認ください。"
            mentioned={[]}
          />
        }
      </p>,
    );
    const link = screen.getByRole("link", {
      name: "https://files.example/sakura/slips-14-37.pdf（新しいタブで開きます）",
    });
    expect(link).toHaveAttribute("href", "https://files.example/sakura/slips-14-37.pdf");
    expect(link).toHaveAttribute("target", "_blank");
    expect(link).toHaveAttribute("rel", "noopener noreferrer");
    expect(link.parentElement).toHaveTextContent(
      "再スキャンしました：https://files.example/sakura/slips-14-37.pdf（新しいタブで開きます）。ご確認ください。",
    );
  });

  it("in English: '(opens in a new tab)'", () => {
    setLocale("en");
    render(<MessageBody body="see https://example.com/a." mentioned={[]} />);
    expect(screen.getByRole("link", { name: "https://example.com/a(opens in a new tab)" })).toHaveAttribute(
      "href",
      "https://example.com/a",
    );
  });

  it("turns no javascript: or data: address into a link, and a hostile message adds no attribute or element", () => {
    const { container } = render(
      <p>
        <MessageBody
          body={
            'javascript:alert(1) data:text/html,<b>x</b> http://x"onmouseover=alert(1) <img src=x onerror=alert(1)>'
          }
          mentioned={[]}
        />
      </p>,
    );
    const links = screen.getAllByRole("link");
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["http://x/"]);
    expect(container.querySelectorAll("img, b, script")).toHaveLength(0);
    for (const el of container.querySelectorAll("*")) {
      expect([...el.attributes].map((a) => a.name).filter((name) => name.startsWith("on"))).toEqual([]);
    }
    expect(container.textContent).toContain('"onmouseover=alert(1) <img src=x onerror=alert(1)>');
  });

  it("keeps mentions marked beside links", () => {
    render(
      <MessageBody
        body="@松本 結衣 さん、https://example.com/x を見てください"
        mentioned={[{ id: "u1", name: "松本 結衣", displayName: "松本 結衣", role: "crew" }]}
      />,
    );
    expect(screen.getByText("@松本 結衣").tagName).toBe("STRONG");
    expect(screen.getByRole("link")).toHaveAttribute("href", "https://example.com/x");
  });
});
