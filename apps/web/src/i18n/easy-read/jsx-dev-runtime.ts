// The development twin of ./jsx-runtime.ts (Vite's dev server and the component tests use it).
import * as react from "react/jsx-dev-runtime";
import { annotateProps } from "./annotate-props.ts";

export const Fragment = react.Fragment;
export const jsxDEV: typeof react.jsxDEV = (type, props, key, isStatic, source, self) =>
  react.jsxDEV(type, annotateProps(type, props), key, isStatic, source, self);
