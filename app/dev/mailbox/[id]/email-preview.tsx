"use client";

import { useEffect, useRef } from "react";

/**
 * The e-mail's HTML part in a sandbox without scripts. `allow-same-origin` only lets this page read the frame's
 * height, so that the frame grows to the whole e-mail (its images may load later: it follows them). Without
 * JavaScript the frame is tall enough for our e-mails and scrolls beyond that.
 */
export function EmailPreview({ html, title }: { html: string; title: string }) {
  const frameRef = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    let observer: ResizeObserver | null = null;
    const fit = () => {
      const root = frame.contentDocument?.documentElement;
      if (!root) return;
      frame.style.height = `${Math.max(root.scrollHeight, frame.contentDocument?.body?.scrollHeight ?? 0)}px`;
      if (!observer) {
        observer = new ResizeObserver(fit);
        observer.observe(root);
      }
    };
    if (frame.contentDocument?.readyState === "complete") fit();
    frame.addEventListener("load", fit);
    return () => {
      frame.removeEventListener("load", fit);
      observer?.disconnect();
    };
  }, [html]);

  return (
    <iframe
      ref={frameRef}
      title={title}
      sandbox="allow-same-origin"
      srcDoc={html}
      className="h-[70rem] w-full rounded border border-slate-300 bg-white"
    />
  );
}
