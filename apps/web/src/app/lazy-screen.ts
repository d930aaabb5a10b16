// A route's screen as a lazy chunk that brings its own words: the screen's module and its
// features' messages (i18n/features.ts) load together, and the screen renders only when both
// are here, behind the one Suspense fallback of the shell (AppShell: a polite status
// 「読み込み中です…」). So no screen ever shows a raw message key.
//
// The features a screen lists must cover every key its code (and the code it imports, also
// lazily) uses beyond the common catalogue: i18n/screen-messages.test.ts checks that.
//
// preload() starts that load before the screen is rendered (app/startup.ts: the screen of the URL
// the app starts on loads while the session is checked); the screen then renders from the same load.
import { lazy, type ComponentType, type LazyExoticComponent } from "react";
import { loadMessages, type FeatureName } from "../i18n/index.ts";

export type LazyScreen<P extends object> = LazyExoticComponent<ComponentType<P>> & {
  preload(): Promise<{ default: ComponentType<P> }>;
};

export function lazyScreen<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  features: readonly FeatureName[],
): LazyScreen<P> {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () => {
    loading ??= Promise.all([load(), loadMessages(features)]).then(
      ([screen]) => screen,
      (error: unknown) => {
        loading = undefined; // a failed load (offline) is tried again next time
        throw error;
      },
    );
    return loading;
  };
  return Object.assign(lazy(preload), { preload });
}
