import { create } from "qrcode";

/**
 * A QR code drawn on the server as inline SVG (no image service, nothing for the CSP to allow): one path of the dark
 * modules inside a light quiet zone, so that phone cameras read it in dark mode too. `label` names it for screen
 * readers, who get the same content as text beside it.
 */
export function QrCode({ text, label, size = 208 }: { text: string; label: string; size?: number }) {
  const { modules } = create(text, { errorCorrectionLevel: "M" });
  const quiet = 4;
  const width = modules.size + 2 * quiet;
  let path = "";
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.get(row, column)) path += `M${column + quiet} ${row + quiet}h1v1h-1z`;
    }
  }
  return (
    <svg role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${width} ${width}`} shapeRendering="crispEdges">
      <rect width={width} height={width} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
