// Settings: language, text size, high contrast, reduced motion, simpler layout. A change is
// applied at once and saved to the account (PATCH /me), so it follows the user to every device;
// except the language, which changes every word on the page (WCAG 3.2.2): choosing it (ArrowDown
// on the radio) changes nothing until "Use this language" is pressed (issue 9 barrier 9).
// Saves are sent one after another; only the newest wins. If saving fails the change stays on
// this device and the page offers to save again.
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { isLocale, locales, setLocale, useI18n, type Locale } from "../../i18n/index.ts";
import { call, type Me, type User } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import {
  applyPreferences,
  BREAK_MINUTES,
  SPEECH_RATES,
  normalizePreferences,
  systemPrefersReducedMotion,
  TEXT_SIZES,
  type Preferences,
  type TextSize,
} from "../../lib/preferences.ts";
import { useUser } from "../../app/session.tsx";
import { Link } from "react-router";
import { paths } from "../../app/paths.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { Icon } from "../../ui/Icon.tsx";
import { seesDisplayNamesOnly, TEXT_LIMITS } from "@crewboard/domain";
import { Field, FieldErrorText, FieldSet } from "../../ui/Field.tsx";

interface Settings {
  locale: Locale;
  prefs: Preferences;
}

type SaveState = { state: "idle" } | { state: "saving" } | { state: "saved" } | { state: "failed"; error: unknown };

function settingsOf(user: User): Settings {
  return { locale: isLocale(user.locale) ? user.locale : "ja", prefs: normalizePreferences(user.accessibility) };
}

/** Applies and saves settings; serialises the PATCH requests so the newest always wins. */
function useSettingsSaver(user: User) {
  const queryClient = useQueryClient();
  const [save, setSave] = useState<SaveState>({ state: "idle" });
  const latest = useRef<Settings>(settingsOf(user));
  const inFlight = useRef(false);
  const dirty = useRef(false);

  async function send(): Promise<void> {
    if (inFlight.current) {
      dirty.current = true;
      return;
    }
    inFlight.current = true;
    setSave({ state: "saving" });
    try {
      do {
        dirty.current = false;
        const wanted = latest.current;
        const { user: saved } = await call("updateMe", {
          body: { locale: wanted.locale, accessibility: wanted.prefs },
        });
        // An answer to an older save must not undo a newer choice.
        if (!dirty.current) queryClient.setQueryData<Me | null>(queryKeys.me(), saved);
      } while (dirty.current);
      setSave({ state: "saved" });
    } catch (error) {
      setSave({ state: "failed", error });
    } finally {
      inFlight.current = false;
    }
  }

  function change(next: Settings): void {
    latest.current = next;
    // At once, before the server answers.
    setLocale(next.locale);
    applyPreferences(next.prefs);
    queryClient.setQueryData<Me | null>(queryKeys.me(), (me) =>
      me ? { ...me, locale: next.locale, accessibility: { ...me.accessibility, ...next.prefs } } : me,
    );
    void send();
  }

  return { save, change, retry: () => void send() };
}

export default function SettingsPage() {
  const { t } = useI18n();
  const user = useUser();
  const [settings, setSettings] = useState<Settings>(() => settingsOf(user));
  const { save, change, retry } = useSettingsSaver(user);
  /** the language chosen on the radio, applied only with the button */
  const [chosenLocale, setChosenLocale] = useState<Locale>(settings.locale);
  /** easy-read, ticked: applied only with its button, like the language (it changes every word) */
  const [chosenEasyRead, setChosenEasyRead] = useState(settings.prefs.easyRead);
  const systemReducedMotion = systemPrefersReducedMotion();
  const displayId = useId();
  const easyReadId = useId();

  function update(patch: Partial<Settings> | ((s: Settings) => Settings)) {
    const next = typeof patch === "function" ? patch(settings) : { ...settings, ...patch };
    setSettings(next);
    change(next);
  }
  const setPref = <K extends keyof Preferences>(key: K, value: Preferences[K]) =>
    keepPressedInPlace(() => update((s) => ({ ...s, prefs: { ...s.prefs, [key]: value } })));

  return (
    <section className="page settings" data-testid="page-settings">
      <PageHeading title={t("settings.title")} />
      <p>{t("settings.intro")}</p>

      <form className="form settings__form" onSubmit={(event) => event.preventDefault()}>
        <RadioGroup
          legend={t("settings.language")}
          name="locale"
          value={chosenLocale}
          options={locales.map((code) => ({ value: code, label: t(`lang.${code}`), lang: code }))}
          onChange={(value) => setChosenLocale(value as Locale)}
        />
        <div className="settings__apply-locale">
          <button
            type="button"
            className="button"
            data-apply-locale=""
            aria-disabled={chosenLocale === settings.locale || undefined}
            onClick={() => {
              if (chosenLocale !== settings.locale) update({ locale: chosenLocale });
            }}
          >
            {t("settings.applyLanguage")}
          </button>
        </div>

        <FieldSet id={easyReadId} legend={t("settings.easyReadLegend")}>
          <Toggle
            label={t("settings.easyRead")}
            hint={t("settings.easyReadHint")}
            checked={chosenEasyRead}
            onChange={setChosenEasyRead}
          />
          <div className="settings__apply-locale">
            <button
              type="button"
              className="button"
              data-apply-easy-read=""
              aria-disabled={chosenEasyRead === settings.prefs.easyRead || undefined}
              onClick={() => {
                if (chosenEasyRead !== settings.prefs.easyRead)
                  keepPressedInPlace(() => update((s) => ({ ...s, prefs: { ...s.prefs, easyRead: chosenEasyRead } })));
              }}
            >
              {t("settings.applyEasyRead")}
            </button>
          </div>
        </FieldSet>

        <RadioGroup
          legend={t("settings.textSize")}
          name="textSize"
          value={settings.prefs.textSize}
          options={TEXT_SIZES.map((size) => ({
            value: size,
            label: t(`settings.textSize.${size}`),
            className: `text-size-option text-size-option--${size}`,
          }))}
          onChange={(value) => setPref("textSize", value as TextSize)}
        />

        <FieldSet id={displayId} legend={t("settings.display")}>
          <Toggle
            label={t("settings.highContrast")}
            hint={t("settings.highContrastHint")}
            checked={settings.prefs.highContrast}
            onChange={(v) => setPref("highContrast", v)}
          />
          <Toggle
            label={t("settings.reducedMotion")}
            hint={
              <>
                {t("settings.reducedMotionHint")}
                {systemReducedMotion && <> {t("settings.reducedMotionSystem")}</>}
              </>
            }
            checked={settings.prefs.reducedMotion}
            onChange={(v) => setPref("reducedMotion", v)}
          />
          <Toggle
            label={t("settings.simpleLayout")}
            hint={t("settings.simpleLayoutHint")}
            checked={settings.prefs.simpleLayout}
            onChange={(v) => setPref("simpleLayout", v)}
          />
        </FieldSet>

        <RadioGroup
          legend={t("settings.breaks")}
          name="breakMinutes"
          value={settings.prefs.breakMinutes === null ? "off" : String(settings.prefs.breakMinutes)}
          options={[
            { value: "off", label: t("settings.breaks.off") },
            ...BREAK_MINUTES.map((minutes) => ({
              value: String(minutes),
              label: t("settings.breaks.every", { minutes }),
            })),
          ]}
          onChange={(value) => setPref("breakMinutes", value === "off" ? null : Number(value))}
        />

        <RadioGroup
          legend={t("settings.speechRate")}
          name="speechRate"
          value={String(settings.prefs.speechRate)}
          options={SPEECH_RATES.map((rate) => ({
            value: String(rate),
            label: t(`settings.speechRate.${rate === 1 ? "normal" : rate < 1 ? "slow" : "fast"}`),
          }))}
          onChange={(value) => setPref("speechRate", Number(value))}
        />
      </form>

      <SaveStatus save={save} onRetry={retry} />

      {!seesDisplayNamesOnly(user) && <DisplayNameForm />}

      <section className="fieldset" aria-labelledby="settings-password-heading">
        <h2 id="settings-password-heading">{t("account.password.change")}</h2>
        <p>{t("account.password.changeHint")}</p>
        <Link className="button" to={paths.changePassword}>
          {t("account.password.change")}
        </Link>
      </section>
    </section>
  );
}

/**
 * Issue 12: the name clients see (the company's people only). Saved with its own button: a name is
 * typed, not chosen, so it is not saved on every keystroke like the toggles above.
 */
function DisplayNameForm() {
  const { t } = useI18n();
  const user = useUser();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(user.displayName);
  const [state, setState] = useState<
    { state: "idle" } | { state: "invalid" } | { state: "saved"; name: string } | { state: "failed"; error: unknown }
  >({ state: "idle" });
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement | null>(null);
  const id = "settings-display-name";

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const name = value.trim();
    if (!name || name.length > TEXT_LIMITS.name) {
      setState({ state: "invalid" });
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const { user: saved } = await call("updateMe", { body: { displayName: name } });
      queryClient.setQueryData<Me | null>(queryKeys.me(), (me) =>
        me ? { ...me, displayName: saved.displayName } : me,
      );
      setValue(saved.displayName);
      setState({ state: "saved", name: saved.displayName });
    } catch (error) {
      setState({ state: "failed", error });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="fieldset" aria-labelledby="settings-display-name-heading" data-testid="settings-display-name">
      <h2 id="settings-display-name-heading">{t("settings.displayName.heading")}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <Field
          id={id}
          label={t("settings.displayName.label")}
          hint={t("settings.displayName.hint")}
          error={
            state.state === "invalid"
              ? { key: "settings.displayName.error", vars: { max: TEXT_LIMITS.name } }
              : undefined
          }
          need="required"
          alert
        >
          {(control) => (
            <input
              {...control}
              ref={inputRef}
              name="displayName"
              type="text"
              autoComplete="nickname"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {t("settings.displayName.save")}
        </button>
        <p className="form__status" role="status">
          {state.state === "saved" && (
            <>
              <Icon name="check" className="icon--before" />
              {t("settings.displayName.saved", { name: state.name })}
            </>
          )}
        </p>
        <FieldErrorText
          id={`${id}-failed`}
          alert
          error={state.state === "failed" ? errorMessage(state.error, t) : undefined}
        />
      </form>
    </section>
  );
}

function SaveStatus({ save, onRetry }: { save: SaveState; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <p className="form__status settings__status" role="status" data-testid="settings-status">
        {save.state === "saving" && t("settings.saving")}
        {save.state === "saved" && (
          <>
            <Icon name="check" className="icon--before" />
            {t("settings.saved")}
          </>
        )}
      </p>
      <div role="alert">
        {save.state === "failed" && (
          <div className="notice notice--error">
            <p>
              <Icon name="warning" className="icon--before" />
              {t("settings.saveFailed")} {errorMessage(save.error, t)}
            </p>
            <button type="button" className="button" onClick={onRetry}>
              {t("settings.saveRetry")}
            </button>
          </div>
        )}
      </div>
    </>
  );
}

interface RadioOption {
  value: string;
  label: string;
  lang?: string;
  className?: string;
}

function RadioGroup({
  legend,
  name,
  value,
  options,
  onChange,
}: {
  legend: string;
  name: string;
  value: string;
  options: RadioOption[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  const { locale } = useI18n();
  return (
    <FieldSet id={id} legend={legend}>
      <div className="choice-list">
        {options.map((option) => (
          <div key={option.value} className={`choice ${option.className ?? ""}`}>
            <input
              id={`${id}-${option.value}`}
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <label
              htmlFor={`${id}-${option.value}`}
              lang={option.lang && option.lang !== locale ? option.lang : undefined}
            >
              {option.label}
            </label>
          </div>
        ))}
      </div>
    </FieldSet>
  );
}

/**
 * A display setting applies at once and reflows the page (a larger text, the simpler layout): the
 * control the user just pressed stays where it was on screen (issue 9 barrier 10), instead of
 * jumping away from under their finger, focus and magnifier.
 */
function keepPressedInPlace(change: () => void): void {
  const pressed = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const before = pressed?.getBoundingClientRect().top;
  change();
  if (!pressed || before === undefined) return;
  const restore = () => {
    if (!pressed.isConnected) return;
    const moved = pressed.getBoundingClientRect().top - before;
    if (Math.abs(moved) >= 1) window.scrollBy({ top: moved, behavior: "instant" });
  };
  // once the new layout is there, and again a frame later (fonts and sizes settle)
  requestAnimationFrame(() => {
    restore();
    requestAnimationFrame(restore);
  });
}

function Toggle({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string;
  hint: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="choice choice--with-hint">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={`${id}-hint`}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        <p id={`${id}-hint`} className="choice__hint">
          {hint}
        </p>
      </div>
    </div>
  );
}
