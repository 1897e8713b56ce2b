/** A stored JSON text, pretty-printed (shown as stored if it is not JSON). */
export function JsonBlock({ label, text }: { label: string; text: string | null }) {
  let pretty = text ?? 'null';
  try {
    pretty = JSON.stringify(JSON.parse(pretty), null, 2);
  } catch {
    // Shown as stored: the explorer must display whatever the row holds.
  }
  return (
    <div className="min-w-0">
      <p className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</p>
      {/* Wrapped, not scrolled: long values (queries, URLs) stay readable at any width. */}
      <pre className="mt-1 rounded bg-zinc-100 p-2 text-xs whitespace-pre-wrap wrap-anywhere dark:bg-zinc-900">{pretty}</pre>
    </div>
  );
}
