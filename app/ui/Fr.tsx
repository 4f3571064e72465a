// Contract text is French: inside an English or Arabic page it says so (lang, and dir in Arabic).
import type { ElementType, ReactNode } from "react";
import { useT } from "../i18n/i18n.js";

export function Fr({ children, as: Tag = "span", className }: { children: ReactNode; as?: ElementType; className?: string }) {
  const { lng } = useT();
  if (lng === "fr") return <Tag className={className}>{children}</Tag>;
  return (
    <Tag lang="fr" dir="ltr" className={className}>
      {children}
    </Tag>
  );
}
