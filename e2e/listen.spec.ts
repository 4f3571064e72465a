// « Écouter » on a phone (issue 14, point 9). Headless Chromium has no voices, so each test
// installs a recording speech synthesis before the page's scripts: it logs the text and `lang`
// of every utterance, speaks until the test ends it, counts cancel(), and lists the voices the
// test gives (or none until 'voiceschanged'). Checked: each passage in its own language (French
// on an Arabic page with a French voice), « Arrêter » while speaking and back after the last
// utterance or on stop, and the message when the phone has no voice for a language.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { demoConsultation, expectNoAxeViolations, newResident, setLanguage, t, type Lang } from "./support.js";

test.use({ viewport: { width: 390, height: 844 } });

interface Spoken {
  text: string;
  lang: string;
  voice: string | null;
}
interface SpeechLog {
  spoken: Spoken[];
  cancels: number;
}
declare global {
  interface Window {
    __speech: { log: SpeechLog; end(): boolean; endAll(): void; listVoices(): void };
  }
}

/** Runs in the page, before its scripts. */
function installSpeechStub({ voices, late }: { voices: string[]; late: boolean }) {
  type U = { text: string; lang: string; voice: { lang: string } | null; [handler: string]: unknown };
  const log: SpeechLog = { spoken: [], cancels: 0 };
  let listed = !late;
  let queue: U[] = [];
  let speaking: U | null = null;
  const listeners = new Set<() => void>();
  const fire = (u: U, name: string, extra: Record<string, unknown> = {}) => (u[`on${name}`] as ((e: unknown) => void) | null)?.({ type: name, utterance: u, ...extra });
  const next = () => {
    speaking = queue.shift() ?? null;
    if (speaking) fire(speaking, "start");
  };
  class Utterance {
    text: string;
    lang = "";
    voice = null;
    onstart = null;
    onend = null;
    onerror = null;
    constructor(text = "") {
      this.text = text;
    }
  }
  const synth = {
    paused: false,
    onvoiceschanged: null as null | (() => void),
    get speaking() {
      return speaking !== null;
    },
    get pending() {
      return queue.length > 0;
    },
    getVoices: () => (listed ? voices.map((lang) => ({ lang, name: `Voix ${lang}`, voiceURI: lang, default: false, localService: true })) : []),
    speak(u: U) {
      log.spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.lang ?? null });
      queue.push(u);
      if (!speaking) next();
    },
    cancel() {
      log.cancels++;
      const [current, rest] = [speaking, queue];
      speaking = null;
      queue = [];
      if (current) fire(current, "error", { error: "interrupted" });
      for (const u of rest) fire(u, "error", { error: "canceled" });
    },
    pause() {},
    resume() {},
    addEventListener: (type: string, fn: () => void) => void (type === "voiceschanged" && listeners.add(fn)),
    removeEventListener: (_type: string, fn: () => void) => void listeners.delete(fn),
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  Object.defineProperty(window, "SpeechSynthesisUtterance", { value: Utterance, configurable: true, writable: true });
  window.__speech = {
    log,
    end() {
      if (!speaking) return false;
      fire(speaking, "end");
      next();
      return true;
    },
    endAll() {
      while (this.end());
    },
    listVoices() {
      listed = true;
      for (const fn of listeners) fn();
      synth.onvoiceschanged?.();
    },
  };
}

/** The open demo ranking, as a Gagarine resident, in `lng` (easy French when `falc`), with the stub; console errors collected. */
async function openRanking(page: Page, context: BrowserContext, baseURL: string, lng: Lang, stub: { voices: string[]; late?: boolean }, falc = false) {
  await context.addInitScript(installSpeechStub, { voices: stub.voices, late: stub.late ?? false });
  await newResident(context, baseURL, "bm-gagarine");
  await setLanguage(context, baseURL, lng);
  if (falc) await context.addCookies([{ name: "falc", value: "1", url: baseURL }]);
  const errors: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  page.on("pageerror", (e) => void errors.push(e.message));
  await page.goto(`/consultations/${await demoConsultation("open")}`);
  const question = page.locator("fieldset.question").first();
  const button = question.locator(".listen button");
  await expect(button).toHaveText(t(lng, "consult.listen"));
  return { question, button, errors, log: () => page.evaluate(() => window.__speech.log) };
}

/** What the page shows, in the order « Écouter » reads it: the question, its hint, each option. */
async function shown(question: ReturnType<Page["locator"]>) {
  return {
    prompt: (await question.locator("legend").innerText()).trim(),
    hint: (await question.locator(".hint").first().innerText()).trim(),
    options: (await question.locator(".rank-row label").allInnerTexts()).map((s) => s.trim()),
  };
}

for (const lng of ["fr", "ar"] as const) {
  test(`${lng}: every passage in the page's language, « ${t(lng, "consult.listenStop")} » while speaking, « ${t(lng, "consult.listen")} » after the last`, async ({ page, context, baseURL }) => {
    const { question, button, errors, log } = await openRanking(page, context, baseURL!, lng, { voices: ["en-GB", "fr-FR", "ar-SA"] });
    const { prompt, hint, options } = await shown(question);
    await button.click();
    await expect(button).toHaveText(t(lng, "consult.listenStop"));
    const { spoken } = await log();
    const tag = lng === "ar" ? "ar" : "fr-FR";
    expect(spoken.map((s) => s.lang)).toEqual(Array(2 + options.length).fill(tag));
    expect(spoken.map((s) => s.voice)).toEqual(Array(2 + options.length).fill(lng === "ar" ? "ar-SA" : "fr-FR"));
    expect(prompt).toContain(spoken[0]!.text);
    expect(spoken[1]!.text).toBe(hint);
    expect(spoken.slice(2).map((s) => s.text)).toEqual(options.map((o, i) => `${t(lng, "consult.speechOption")} ${i + 1} : ${o}.`));
    await expectNoAxeViolations(page);
    // Still speaking until the last utterance ends.
    await page.evaluate(() => window.__speech.end());
    await expect(button).toHaveText(t(lng, "consult.listenStop"));
    await page.evaluate(() => window.__speech.endAll());
    await expect(button).toHaveText(t(lng, "consult.listen"));
    await expect(question.getByRole("status")).toHaveText("");
    expect(errors).toEqual([]);
  });

  test(`${lng}: « ${t(lng, "consult.listenStop")} » cancels the reading`, async ({ page, context, baseURL }) => {
    const { button, errors, log } = await openRanking(page, context, baseURL!, lng, { voices: ["fr-FR", "ar-SA"] });
    await button.click();
    await expect(button).toHaveText(t(lng, "consult.listenStop"));
    const before = (await log()).cancels;
    await button.click();
    await expect(button).toHaveText(t(lng, "consult.listen"));
    expect((await log()).cancels).toBe(before + 1);
    expect(await page.evaluate(() => window.speechSynthesis.speaking)).toBe(false);
    // And it reads again from the start.
    await button.click();
    await expect(button).toHaveText(t(lng, "consult.listenStop"));
    await page.evaluate(() => window.__speech.endAll());
    await expect(button).toHaveText(t(lng, "consult.listen"));
    expect(errors).toEqual([]);
  });
}

test("ar, easy French: the French passages with a French voice, the Arabic hint with an Arabic one", async ({ page, context, baseURL }) => {
  const { question, button, log } = await openRanking(page, context, baseURL!, "ar", { voices: ["fr-FR", "ar-SA"] }, true);
  const { prompt, hint, options } = await shown(question);
  await button.click();
  const { spoken } = await log();
  expect(spoken.map((s) => s.lang)).toEqual(["fr-FR", "ar", ...options.map(() => "fr-FR")]);
  expect(prompt).toContain(spoken[0]!.text);
  expect(await question.locator("legend [lang=fr]").innerText()).toBe(spoken[0]!.text);
  expect(spoken[1]!.text).toBe(hint);
  // A French option on an Arabic page: the bare number, read by the French voice.
  expect(spoken.slice(2).map((s) => s.text)).toEqual(options.map((o, i) => `${i + 1} : ${o}.`));
});

test("ar, no Arabic voice on the phone: it says so, and reads nothing", async ({ page, context, baseURL }) => {
  const { question, button, errors, log } = await openRanking(page, context, baseURL!, "ar", { voices: ["fr-FR"] });
  await button.click();
  await expect(question.getByRole("status")).toHaveText(t("ar", "consult.noVoice.ar"));
  expect((await log()).spoken).toEqual([]);
  await expect(button).toHaveText(t("ar", "consult.listen"));
  await expectNoAxeViolations(page);
  expect(errors).toEqual([]);
});

test("ar, easy French, no Arabic voice: the French passages are read, the Arabic hint is not, and it says so", async ({ page, context, baseURL }) => {
  const { question, button, log } = await openRanking(page, context, baseURL!, "ar", { voices: ["fr-FR"] }, true);
  const { options } = await shown(question);
  await button.click();
  await expect(question.getByRole("status")).toHaveText(t("ar", "consult.noVoice.ar"));
  expect((await log()).spoken.map((s) => s.lang)).toEqual(["fr-FR", ...options.map(() => "fr-FR")]);
  await expect(button).toHaveText(t("ar", "consult.listenStop"));
  await page.evaluate(() => window.__speech.endAll());
  await expect(button).toHaveText(t("ar", "consult.listen"));
});

test("fr, no French voice: « Pas de voix française sur ce téléphone »", async ({ page, context, baseURL }) => {
  const { question, button, log } = await openRanking(page, context, baseURL!, "fr", { voices: ["ar-SA", "en-GB"] });
  await button.click();
  await expect(question.getByRole("status")).toHaveText(t("fr", "consult.noVoice.fr"));
  expect((await log()).spoken).toEqual([]);
});

test("fr, voices listed late (after 'voiceschanged'): it waits for them, then reads", async ({ page, context, baseURL }) => {
  const { button, log } = await openRanking(page, context, baseURL!, "fr", { voices: ["fr-FR"], late: true });
  await button.click();
  // Nothing spoken before the list comes; then the French voice.
  expect(await page.evaluate(() => {
    const before = window.__speech.log.spoken.length;
    window.__speech.listVoices();
    return before;
  })).toBe(0);
  await expect(button).toHaveText(t("fr", "consult.listenStop"));
  await expect.poll(async () => (await log()).spoken.map((s) => s.voice)[0]).toBe("fr-FR");
  await page.evaluate(() => window.__speech.endAll());
  await expect(button).toHaveText(t("fr", "consult.listen"));
});
