// @ts-check
// Prettier: the code's formatting. Its defaults are the code's style already (double quotes,
// semicolons, trailing commas, parentheses around arrow parameters); the one choice is the line
// width, 120, since longer lines were a review finding (issue 8).
//   npm run format          rewrites files
//   npm run format:check    lists files that are not formatted (exit 1)
/** @type {import("prettier").Config} */
export default {
  printWidth: 120,
};
