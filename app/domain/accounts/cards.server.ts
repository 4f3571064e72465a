// The words of a printed invitation card, in French and in the second language staff chose:
// fixed languages, whatever the language staff read the site in.
import { sayIn } from "../../i18n/resources.server.js";
import { formatParisDate } from "../../utils/paris-time.js";
import type { CardSecondLanguage } from "./rules.js";

function cardWords(lng: "fr" | CardSecondLanguage, expiresAt: Date | string) {
  return {
    purpose: sayIn(lng, "cards.purpose"),
    address: sayIn(lng, "cards.address"),
    expires: sayIn(lng, "cards.expires", { date: formatParisDate(expiresAt, lng) }),
    help: sayIn(lng, "cards.help"),
    identifier: sayIn(lng, "cards.identifier"),
  };
}

export function printedCardWords(second: CardSecondLanguage | null, expiresAt: Date | string) {
  return { fr: cardWords("fr", expiresAt), second: second ? cardWords(second, expiresAt) : null };
}
