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

/**
 * While easy-read is on: a host element's text children with kanji outside grades 1–2 get their
 * furigana. Components' props are left alone (a component may use a string child as a label);
 * the text reaches a host element in the end, and is annotated there.
 */
export function annotateProps<P>(type: unknown, props: P): P {
  if (!easyReadActive()) return props;
  if (typeof type === "string" ? PLAIN_TEXT_ELEMENTS.has(type) : !TEXT_COMPONENTS.has(type)) return props;
  const children = (props as { children?: unknown } | null)?.children;
  if (typeof children === "string") {
    return needsAnnotation(children) ? { ...props, children: rubyOf(children) } : props;
  }
  if (Array.isArray(children) && children.some((c) => typeof c === "string" && needsAnnotation(c))) {
    return {
      ...props,
      children: children.map((c: unknown, index) =>
        typeof c === "string" && needsAnnotation(c) ? rubyOf(c, `ruby-${index}`) : c,
      ),
    };
  }
  return props;
}
