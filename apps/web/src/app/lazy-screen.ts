// A route's screen as a lazy chunk that brings its own words: the screen's module and its
// features' messages (i18n/features.ts) load together, and the screen renders only when both
// are here; until then it shows the polite status 「読み込み中です…」 (LoadingNotice). So no screen
// ever shows a raw message key. A failed load is thrown to the shell's ScreenBoundary (its retry).
//
// The features a screen lists must cover every key its code (and the code it imports, also
// lazily) uses beyond the common catalogue: i18n/screen-messages.test.ts checks that.
//
// preload() starts that load before the screen is rendered (app/startup.ts: the screen of the URL
// the app starts on loads while the session is checked); the screen then renders from the same load.
//
// Not React.lazy behind a Suspense boundary (issue 14: a big board's first cards): React holds
// back the content of a boundary that has shown its fallback until 300 ms after that fallback
// (its "throttled reveal"), so on a first visit the board, ready and rendered, waited for a timer.
// Here the wait is the screen's own state: the loaded screen renders at once, with a plain update.
import { createElement, useEffect, useState, type ComponentType } from "react";
import { loadMessages, type FeatureName } from "../i18n/index.ts";
import { LoadingNotice } from "../ui/Notice.tsx";

export type LazyScreen<P extends object> = ComponentType<P> & {
  preload(): Promise<{ default: ComponentType<P> }>;
};

export function lazyScreen<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  features: readonly FeatureName[],
): LazyScreen<P> {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  let loaded: ComponentType<P> | undefined;
  const preload = () => {
    loading ??= Promise.all([load(), loadMessages(features)]).then(
      ([screen]) => {
        loaded = screen.default;
        return screen;
      },
      (error: unknown) => {
        loading = undefined; // a failed load (offline) is tried again next time
        throw error;
      },
    );
    return loading;
  };
  function Screen(props: P) {
    const [screen, setScreen] = useState<{ component?: ComponentType<P>; error?: unknown }>(() => ({
      component: loaded,
    }));
    useEffect(() => {
      if (screen.component) return;
      let current = true;
      preload().then(
        ({ default: component }) => current && setScreen({ component }),
        (error: unknown) => current && setScreen({ error: error ?? new Error("the screen did not load") }),
      );
      return () => {
        current = false;
      };
    }, [screen.component]);
    if (screen.error !== undefined) throw screen.error;
    return screen.component ? createElement(screen.component, props) : createElement(LoadingNotice);
  }
  return Object.assign(Screen, { preload });
}
