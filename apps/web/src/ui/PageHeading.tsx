// The page's <h1>: sets the document title, and takes focus when the page was reached by
// navigating inside the app (not on the first load), so screen-reader and keyboard users start
// at the new page's top. Every screen uses it once.
import { useEffect, useRef, type ReactNode } from "react";
import { useLocation } from "react-router";
import { useI18n } from "../i18n/index.ts";

export function usePageTitle(title: string): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} – ${t("app.name")}`;
  }, [title, t]);
}

export function PageHeading({
  title,
  children,
  className,
  id,
}: {
  title: string;
  children?: ReactNode;
  className?: string;
  id?: string;
}) {
  usePageTitle(title);
  const ref = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  useEffect(() => {
    // react-router gives the first location the key "default"; every navigation gets a new key.
    // Only a new page moves focus: a changed query string (filters) leaves it where it is.
    if (location.key !== "default") ref.current?.focus({ preventScroll: false });
  }, [location.pathname]); // eslint-disable-line react-hooks/exhaustive-deps -- a new page moves focus, a new key with the same path (filters) does not
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className={className}>
      {children ?? title}
    </h1>
  );
}
