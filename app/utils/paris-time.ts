// Dates are entered and shown in Europe/Paris.
export const TIME_ZONE = "Europe/Paris";

/** 23:59:59 Paris time on a yyyy-mm-dd day, as an instant. */
export function endOfParisDay(day: string): Date | null {
  const m = day.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const guess = new Date(Date.UTC(y, mo - 1, d, 23, 59, 59));
  if (guess.getUTCMonth() !== mo - 1) return null;
  // Paris is UTC+1 or UTC+2: find the offset at that moment.
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", hourCycle: "h23" }).formatToParts(guess);
  const parisHour = Number(parts.find((p) => p.type === "hour")!.value);
  const offsetHours = (parisHour - 23 + 24) % 24;
  return new Date(guess.getTime() - offsetHours * 3600_000);
}

export function formatParisDate(date: Date | string, lng: string): string {
  return new Intl.DateTimeFormat(lng === "ar" ? "ar-u-nu-latn" : lng, { timeZone: TIME_ZONE, dateStyle: "long" }).format(new Date(date));
}

export function formatParisDateTime(date: Date | string, lng: string): string {
  return new Intl.DateTimeFormat(lng === "ar" ? "ar-u-nu-latn" : lng, { timeZone: TIME_ZONE, dateStyle: "short", timeStyle: "short" }).format(new Date(date));
}

/** A `datetime-local` value read as Paris wall-clock time → the instant. */
export function parisLocalToDate(value: string): Date | null {
  const m = value.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (new Date(asUtc).getUTCMonth() !== mo - 1) return null;
  // Paris is UTC+1 or UTC+2; take the offset in force at that moment.
  for (const offset of [1, 2]) {
    const candidate = new Date(asUtc - offset * 3600_000);
    if (toParisLocal(candidate) === value) return candidate;
  }
  return new Date(asUtc - 3600_000);
}

/** An instant → its `datetime-local` value in Paris. */
export function toParisLocal(date: Date | string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date(date))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
