// Read-aloud (issue 9 barrier 12): 「読み上げ」 on a task reads its title, its criteria, why it is
// blocked, the client's revision request and the latest message a manager wrote about it (asked
// for when the button is pressed: `more`) with the
// browser's speech synthesis, in the UI's language, at the speed chosen in Settings. The same
// button then stops it (focus stays on it). A device without a voice for the language says so.
import { useEffect, useRef, useState } from "react";
import { intlLocale, useI18n } from "../../i18n/index.ts";
import { usePreferences } from "../../lib/preferences.ts";
import { Icon } from "../../ui/Icon.tsx";

function synthesis(): SpeechSynthesis | undefined {
  return typeof window !== "undefined" && "speechSynthesis" in window ? window.speechSynthesis : undefined;
}

export function ReadAloud({
  parts,
  title,
  more,
}: {
  parts: readonly string[];
  title: string;
  /** what to read after `parts`, looked up when the button is pressed (null: nothing) */
  more?: () => Promise<string | null>;
}) {
  const { t, locale } = useI18n();
  const { speechRate } = usePreferences();
  const [speaking, setSpeaking] = useState(false);
  const [noVoice, setNoVoice] = useState(false);

  // leaving the screen stops what this button started
  const speakingRef = useRef(false);
  speakingRef.current = speaking;
  useEffect(() => () => void (speakingRef.current && synthesis()?.cancel()), []);

  async function start() {
    const synth = synthesis();
    const lang = intlLocale(locale);
    const voice = synth?.getVoices().find((v) => v.lang.toLowerCase().startsWith(locale));
    if (!synth || typeof SpeechSynthesisUtterance === "undefined" || !voice) {
      setNoVoice(true);
      return;
    }
    setNoVoice(false);
    setSpeaking(true);
    speakingRef.current = true;
    const extra = more ? await more() : null;
    const utterance = new SpeechSynthesisUtterance([...parts, extra ?? ""].filter(Boolean).join("\n"));
    utterance.lang = lang;
    utterance.voice = voice;
    utterance.rate = speechRate;
    utterance.onend = () => setSpeaking(false);
    utterance.onerror = () => setSpeaking(false);
    synth.cancel();
    // stopped while the latest message was being looked up: say nothing
    if (!speakingRef.current) return;
    synth.speak(utterance);
  }

  function stop() {
    synthesis()?.cancel();
    setSpeaking(false);
    speakingRef.current = false;
  }

  return (
    <div className="md-read">
      <button type="button" className="button" aria-pressed={speaking} onClick={speaking ? stop : () => void start()}>
        <Icon name={speaking ? "pause" : "play"} className="icon--before" />
        {speaking ? t("myDay.read.stop") : t("myDay.read.start")}
        <span className="visually-hidden">{t("myDay.paren", { text: title })}</span>
      </button>
      <p role="status" className="md-read__status">
        {noVoice ? t("myDay.read.noVoice") : ""}
      </p>
    </div>
  );
}
