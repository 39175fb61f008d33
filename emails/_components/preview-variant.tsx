import type { ReactElement } from "react";

/**
 * A preview-only variant of a template for `npm run email:dev`: the same component with other PreviewProps
 * (the preview server shows one preview per file). emails/render.tsx never imports these files.
 */
export function previewVariant<P extends object>(Template: (props: P) => ReactElement, previewProps: P) {
  function Variant(props: P) {
    return <Template {...props} />;
  }
  Variant.PreviewProps = previewProps;
  return Variant;
}
