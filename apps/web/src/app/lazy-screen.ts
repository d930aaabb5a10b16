// A route's screen as a lazy chunk that brings its own words: the screen's module and its
// features' messages (i18n/features.ts) load together, and the screen renders only when both
// are here, behind the one Suspense fallback of the shell (AppShell: a polite status
// 「読み込み中です…」). So no screen ever shows a raw message key.
//
// The features a screen lists must cover every key its code (and the code it imports, also
// lazily) uses beyond the common catalogue: i18n/screen-messages.test.ts checks that.
import { lazy, type ComponentType } from "react";
import { loadMessages, type FeatureName } from "../i18n/index.ts";

export function lazyScreen<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  features: readonly FeatureName[],
) {
  return lazy(async () => {
    const [screen] = await Promise.all([load(), loadMessages(features)]);
    return screen;
  });
}
