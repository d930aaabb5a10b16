// What the easy-read JSX runtime does to an element's props (see ./jsx-runtime.ts).
import { createElement, Fragment, type ReactNode } from "react";
import { Link, NavLink } from "react-router";
import { annotate, easyReadActive, needsAnnotation } from "./ruby.ts";

/**
 * Library components that render their children as the text of a host element they create with
 * React's own runtime (so ours never sees that text): annotated as host elements are.
 */
const TEXT_COMPONENTS = new Set<unknown>([Link, NavLink]);

/** Elements whose children must stay text (or are the reading itself). */
const PLAIN_TEXT_ELEMENTS = new Set(["option", "textarea", "title", "style", "script", "rt", "rp", "ruby", "text"]);

function rubyOf(text: string, key?: string): ReactNode {
  const parts = annotate(text).map((part, index) =>
    typeof part === "string"
      ? part
      : createElement("ruby", { key: index }, part.word, createElement("rt", null, part.reading)),
  );
  return createElement(Fragment, key === undefined ? null : { key }, ...parts);
}

/** The children with furigana on each text that needs them (nested arrays too: tNodes' parts); the same value when none do. */
function annotated(children: unknown, key?: string): unknown {
  if (typeof children === "string") return needsAnnotation(children) ? rubyOf(children, key) : children;
  if (!Array.isArray(children)) return children;
  let changed = false;
  const next = children.map((child: unknown, index) => {
    const done = annotated(child, `ruby-${key ?? ""}${index}`);
    if (done !== child) changed = true;
    return done;
  });
  return changed ? next : children;
}

/**
 * While easy-read is on: a host element's text children with kanji outside grades 1–2 get their
 * furigana, as do a fragment's (<>…</> inside a host element) and the parts of tNodes. Components'
 * props are left alone (a component may use a string child as a label); the text reaches a host
 * element in the end, and is annotated there.
 */
export function annotateProps<P>(type: unknown, props: P): P {
  if (!easyReadActive()) return props;
  if (typeof type === "string" ? PLAIN_TEXT_ELEMENTS.has(type) : !TEXT_COMPONENTS.has(type) && type !== Fragment)
    return props;
  const children = (props as { children?: unknown } | null)?.children;
  const next = annotated(children);
  return next === children ? props : { ...props, children: next };
}
