// The JSX runtime of the web app (vite.config.ts: jsxImportSource): React's, with easy-read
// furigana added to host elements' text while easy-read Japanese is on (./annotate-props.ts).
// Off, it is React's runtime plus one boolean check per element.
import * as react from "react/jsx-runtime";
import { annotateProps } from "./annotate-props.ts";

export const Fragment = react.Fragment;
export const jsx: typeof react.jsx = (type, props, key) => react.jsx(type, annotateProps(type, props), key);
export const jsxs: typeof react.jsxs = (type, props, key) => react.jsxs(type, annotateProps(type, props), key);
