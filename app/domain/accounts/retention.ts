// Retention periods, stated on the privacy page and enforced by `npm run purge`.
export const RETENTION = {
  /** A session ends 30 days after its last use (30 idle minutes on a shared device). */
  sessionDays: 30,
  /** A device is known for an account a year after its last sign-in there (decision 0018). */
  signInDeviceDays: 365,
  /** Brute-force counters are kept one day after their window ends. */
  rateLimitDays: 1,
  /** Codes never used are deleted 90 days after their batch expires. */
  expiredCodeDays: 90,
  /** Accounts never verified are deleted after 12 months. */
  unverifiedAccountMonths: 12,
} as const;
