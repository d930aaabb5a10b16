// The root of our JSX source (vite.config.ts): the automatic runtime imports createElement from
// it for the rare `<div {...props} key={k} />` form. React's, untouched: its text children are
// annotated where they reach a host element built by ./jsx-runtime.ts.
export { createElement, Fragment } from "react";
