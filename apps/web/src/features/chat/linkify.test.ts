import { describe, expect, it } from "vitest";
import { linkify, type MessagePart } from "./linkify.ts";

const links = (body: string) =>
  linkify(body).filter((p): p is Extract<MessagePart, { kind: "link" }> => p.kind === "link");
const joined = (body: string) =>
  linkify(body)
    .map((p) => p.text)
    .join("");

describe("links in chat messages", () => {
  it("links http and https addresses, keeping the text around them", () => {
    expect(linkify("再スキャンしました：https://files.example/sakura/slips-14-37.pdf")).toEqual([
      { kind: "text", text: "再スキャンしました：" },
      {
        kind: "link",
        text: "https://files.example/sakura/slips-14-37.pdf",
        href: "https://files.example/sakura/slips-14-37.pdf",
      },
    ]);
    expect(links("see http://example.com and HTTPS://Example.com/A?b=1#c too").map((l) => l.href)).toEqual([
      "http://example.com/",
      "https://example.com/A?b=1#c",
    ]);
  });

  it("ends an address at Japanese text and punctuation: 「。」「、」 brackets, words", () => {
    expect(links("資料はhttps://example.com/a。明日までに").map((l) => l.text)).toEqual(["https://example.com/a"]);
    expect(
      links("「https://example.com/a」をご覧ください、https://example.com/b、以上です").map((l) => l.text),
    ).toEqual(["https://example.com/a", "https://example.com/b"]);
    expect(links("（https://example.com/a）").map((l) => l.text)).toEqual(["https://example.com/a"]);
    expect(links("https://example.com/a　全角スペースのあと").map((l) => l.text)).toEqual(["https://example.com/a"]);
  });

  it("leaves out trailing punctuation, and a closing bracket the address did not open", () => {
    expect(links("Look: https://example.com/a.").map((l) => l.text)).toEqual(["https://example.com/a"]);
    expect(links("Really? https://example.com/a?!").map((l) => l.text)).toEqual(["https://example.com/a"]);
    expect(links("(see https://example.com/a)").map((l) => l.text)).toEqual(["https://example.com/a"]);
    expect(links("https://en.wikipedia.org/wiki/Foo_(bar)").map((l) => l.text)).toEqual([
      "https://en.wikipedia.org/wiki/Foo_(bar)",
    ]);
  });

  it("never links another scheme: javascript:, data:, vbscript:, file:, ftp:", () => {
    for (const body of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(document.cookie)",
      "javascript://example.com/%0aalert(1)",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
      "vbscript:msgbox(1)",
      "file:///etc/passwd",
      "ftp://example.com/x",
      "xhttp://example.com",
      "http:example.com",
      "http://",
      "https:// example.com",
    ]) {
      expect(links(body), body).toEqual([]);
      expect(joined(body), body).toBe(body);
    }
  });

  it("cannot break out of the link: quotes, angle brackets and backticks end the address", () => {
    const hostile = 'http://x"onmouseover=alert(1)';
    expect(links(hostile)).toEqual([{ kind: "link", text: "http://x", href: "http://x/" }]);
    expect(joined(hostile)).toBe(hostile);
    expect(links("https://example.com/<script>alert(1)</script>").map((l) => l.href)).toEqual(["https://example.com/"]);
    expect(links("http://example.com/'onclick='x").map((l) => l.href)).toEqual(["http://example.com/"]);
    expect(links("http://example.com/`x`").map((l) => l.href)).toEqual(["http://example.com/"]);
  });

  it("keeps the whole message: the parts joined are the text", () => {
    for (const body of [
      "",
      "リンクなし",
      "a https://b.example c https://d.example/e。",
      'http://x"y https://z.example/(a)) end',
    ]) {
      expect(joined(body), body).toBe(body);
    }
  });
});
