// Web addresses in a chat message become links; nothing else does. Only http(s) addresses written
// out in full ("https://…") are links, so `javascript:`, `data:` and other schemes stay text.
// The result is data for React elements (never HTML): a hostile message can add no attribute or
// element of its own.
//
// Where an address ends: at white space, at characters a URL does not carry unencoded (< > " ' `),
// at Japanese text and full-width punctuation (「…」、。（）, as in 「資料：https://…。」), and without
// trailing punctuation (. , ; : ! ? and a closing bracket that does not close one in the address).
// A hand-written rule rather than a linkifier package: those find addresses without a scheme
// ("example.com") through a list of top-level domains, which we do not want, and weigh ~10 kB gzip.

export type MessagePart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+/gi;
const TRAILING = /[.,;:!?]$/;
const PAIRS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** The candidate without trailing punctuation, and brackets closed only if the address opened them. */
function trim(candidate: string): string {
  let text = candidate;
  for (;;) {
    const last = text.at(-1) ?? "";
    if (TRAILING.test(last)) {
      text = text.slice(0, -1);
      continue;
    }
    const open = PAIRS[last];
    if (open && text.split(open).length <= text.split(last).length - 1) {
      text = text.slice(0, -1);
      continue;
    }
    return text;
  }
}

/** The address to link to, or null when it is not a web address with a host. */
function httpHref(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) return null;
  return url.href;
}

/** The message as text and links, in order; joined, the parts' text is the message. */
export function linkify(body: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let at = 0;
  const push = (text: string) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last?.kind === "text") last.text += text;
    else parts.push({ kind: "text", text });
  };
  for (const match of body.matchAll(CANDIDATE)) {
    const text = trim(match[0]);
    const href = httpHref(text);
    if (!href) continue;
    push(body.slice(at, match.index));
    parts.push({ kind: "link", text, href });
    at = match.index + text.length;
  }
  push(body.slice(at));
  return parts;
}
