// « Écouter »: reads a question aloud with the browser's speech synthesis. Rendered only
// once speech synthesis is detected, so there is never a dead button without JavaScript.
import { useEffect, useState } from "react";
import { useT } from "../i18n/i18n.js";

export function Listen({ text, lang }: { text: string; lang: string }) {
  const { t } = useT();
  const [available, setAvailable] = useState(false);
  useEffect(() => setAvailable(typeof window !== "undefined" && "speechSynthesis" in window && "SpeechSynthesisUtterance" in window), []);
  if (!available) return null;
  return (
    <button
      type="button"
      className="listen"
      onClick={() => {
        window.speechSynthesis.cancel();
        const u = new SpeechSynthesisUtterance(text);
        u.lang = lang === "ar" ? "ar" : lang === "en" ? "en-GB" : "fr-FR";
        window.speechSynthesis.speak(u);
      }}
    >
      {t("consult.listen")}
    </button>
  );
}
