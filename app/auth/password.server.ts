// PINs and passwords are hashed with argon2id; never stored or logged in clear.
import { hash, verify } from "@node-rs/argon2";

export const hashSecret = (secret: string) => hash(secret);

export async function verifySecret(stored: string | null, candidate: string): Promise<boolean> {
  if (!stored) return false;
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
  await verify(dummy, candidate).catch(() => false);
}
