// « Écouter »: reads passages aloud with the browser's speech synthesis, one utterance per
// passage, each with a voice of its own language (a French question on an Arabic page gets a
// French voice). While it speaks the button reads « Arrêter » and stops it; a language the phone
// has no voice for is skipped, and said so. Rendered only once speech synthesis is detected,
// after hydration: never a dead button without JavaScript, and nothing in the answer's way.
import { useEffect, useRef, useState } from "react";
import type { Passage } from "../domain/consultations/text.js";
import { useT } from "../i18n/i18n.js";

const SPEECH_LANG: Record<string, string> = { fr: "fr-FR", en: "en-GB", ar: "ar" };
/** How long to wait for the phone's list of voices (Chrome gives none before 'voiceschanged'). */
const VOICES_WAIT_MS = 2000;
const NO_VOICE_ERRORS = new Set(["language-unavailable", "voice-unavailable", "synthesis-unavailable", "synthesis-failed"]);

const baseLang = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];

/** The voice for a language: its exact tag (fr-FR) first, else any of it (ar-SA); null when the phone has none; undefined when it lists no voice at all. */
function voiceFor(voices: SpeechSynthesisVoice[], lang: string): SpeechSynthesisVoice | null | undefined {
  if (voices.length === 0) return undefined;
  const tag = (SPEECH_LANG[lang] ?? lang).toLowerCase();
  return voices.find((v) => v.lang.toLowerCase().replace("_", "-") === tag) ?? voices.find((v) => baseLang(v.lang) === baseLang(lang)) ?? null;
}

/** Calls back with the voices: at once when listed (so speak() stays in the tap), else after 'voiceschanged' or the wait. */
function withVoices(synth: SpeechSynthesis, then: (voices: SpeechSynthesisVoice[]) => void) {
  const now = synth.getVoices();
  if (now.length > 0) return then(now);
  const done = () => {
    clearTimeout(timer);
    synth.removeEventListener?.("voiceschanged", done);
    then(synth.getVoices());
  };
  const timer = setTimeout(done, VOICES_WAIT_MS);
  synth.addEventListener?.("voiceschanged", done);
}

interface Run {
  /** Kept here so that no browser collects them before their `end`. */
  utterances: SpeechSynthesisUtterance[];
  stop: () => void;
}
/** One reading at a time on the page: starting one stops the other. */
let current: Run | null = null;

export function Listen({ parts }: { parts: Passage[] }) {
  const { t } = useT();
  const [available, setAvailable] = useState(false);
  const [speaking, setSpeaking] = useState(false);
  const [noVoice, setNoVoice] = useState<string[]>([]);
  const run = useRef<Run | null>(null);

  useEffect(() => {
    if (!("speechSynthesis" in window && "SpeechSynthesisUtterance" in window)) return;
    setAvailable(true);
    window.speechSynthesis.getVoices(); // starts loading them
    return () => {
      if (run.current) window.speechSynthesis.cancel();
      if (current === run.current) current = null;
    };
  }, []);

  const finish = (r: Run) => {
    if (run.current !== r) return;
    run.current = null;
    if (current === r) current = null;
    setSpeaking(false);
  };
  const stop = () => {
    window.speechSynthesis.cancel();
    if (run.current) finish(run.current);
  };
  const start = () => {
    current?.stop();
    const synth = window.speechSynthesis;
    synth.cancel();
    const r: Run = { utterances: [], stop };
    run.current = current = r;
    setSpeaking(true);
    setNoVoice([]);
    withVoices(synth, (voices) => {
      if (run.current !== r) return;
      const missing = new Set<string>();
      const noVoiceFor = (lang: string) => {
        missing.add(lang);
        setNoVoice([...missing]);
      };
      for (const p of parts) {
        const voice = voiceFor(voices, p.lang);
        if (voice === null) {
          noVoiceFor(p.lang);
          continue;
        }
        const u = new SpeechSynthesisUtterance(p.text);
        u.lang = SPEECH_LANG[p.lang] ?? p.lang;
        if (voice) u.voice = voice;
        const last = () => r.utterances[r.utterances.length - 1] === u;
        u.onend = () => last() && finish(r);
        u.onerror = (e) => {
          if (NO_VOICE_ERRORS.has(e.error)) noVoiceFor(p.lang);
          if (e.error === "interrupted" || e.error === "canceled" || last()) finish(r);
        };
        r.utterances.push(u);
      }
      if (r.utterances.length === 0) return finish(r);
      for (const u of r.utterances) synth.speak(u);
    });
  };

  if (!available) return null;
  return (
    <div className="listen">
      <button type="button" className={speaking ? "speaking" : undefined} onClick={speaking ? stop : start}>
        {speaking ? t("consult.listenStop") : t("consult.listen")}
      </button>
      <p role="status" className="listen-status">
        {noVoice
          .filter((l) => l === "fr" || l === "en" || l === "ar")
          .map((l) => t(`consult.noVoice.${l}`))
          .join(" ")}
      </p>
    </div>
  );
}
