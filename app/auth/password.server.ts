// PINs and passwords are hashed with argon2id; never stored or logged in clear.
import { hash, verify } from "@node-rs/argon2";

export const hashSecret = (secret: string) => hash(secret);

/** How many argon2 checks ran (verify or its stand-in): tests read it to see a refused attempt costs none. */
export const argon2Checks = { count: 0 };

export async function verifySecret(stored: string | null, candidate: string): Promise<boolean> {
  if (!stored) return false;
  argon2Checks.count++;
  try {
    return await verify(stored, candidate);
  } catch {
    return false;
  }
}

// Spends the same time as a real check when the account does not exist.
let dummy: string | null = null;
export async function burnVerify(candidate: string): Promise<void> {
  dummy ??= await hash("not-a-real-secret");
  argon2Checks.count++;
  await verify(dummy, candidate).catch(() => false);
}
