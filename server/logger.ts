// Structured logs. Cookies, authorisation headers, secrets and codes never reach them.
import pino from "pino";

export function createLogger() {
  return pino({
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
    redact: {
      paths: [
        "req.headers.cookie",
        "req.headers.authorization",
        'res.headers["set-cookie"]',
        "*.password",
        "*.pin",
        "*.code",
        "*.token",
        "*.secret",
      ],
      censor: "[redacted]",
    },
  });
}
