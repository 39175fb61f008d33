import type { ReactNode } from "react";
import { labelOf, type LabelMap } from "@/lib/labels";

export type BadgeTone = "green" | "amber" | "red" | "slate" | "blue";

const toneClasses: Record<BadgeTone, string> = {
  green: "border-green-300 bg-green-50 text-green-900",
  amber: "border-amber-300 bg-amber-50 text-amber-900",
  red: "border-red-300 bg-red-50 text-red-900",
  slate: "border-slate-300 bg-slate-100 text-slate-800",
  blue: "border-blue-300 bg-blue-50 text-blue-900",
};

/** The colour of each status code the back office shows (customers, business users, e-mails). */
const statusTones: Record<string, BadgeTone> = {
  active: "green",
  pending: "amber",
  temporary: "amber",
  disabled: "slate",
  queued: "blue",
  sending: "blue",
  sent: "green",
  delivered: "green",
  delayed: "amber",
  bounced: "red",
  complained: "red",
  failed: "red",
  suppressed: "red",
};

export function Badge({ tone = "slate", title, children }: { tone?: BadgeTone; title?: string; children: ReactNode }) {
  return (
    <span title={title} className={`inline-block whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${toneClasses[tone]}`}>
      {children}
    </span>
  );
}

/** A status in words, coloured by what it means; the stored code is its title (hover) for whoever needs it. */
export function StatusBadge({ labels, code }: { labels: LabelMap; code: string }) {
  const label = labelOf(labels, code);
  return (
    <Badge tone={statusTones[code] ?? "slate"} title={label.known ? code : undefined}>
      {label.text}
    </Badge>
  );
}

/** Words first, the stored code after them in small grey type (activity actions: the code is what the filter uses). */
export function CodedLabel({ labels, code }: { labels: LabelMap; code: string }) {
  const label = labelOf(labels, code);
  if (!label.known) return <code className="break-all text-xs">{code}</code>;
  return (
    <span>
      {label.text} <code className="break-all text-xs text-slate-500">{code}</code>
    </span>
  );
}
