// Any address no other route knows: the 404 page, in the visitor's language (the root loader runs).
import { notFound } from "../utils/http.js";

export async function loader(): Promise<never> {
  notFound();
}

export default function NotFound() {
  return null;
}
