// Renderer. A keyboard shortcut rendered as keys, for tooltips and the help dialog.
export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function Kbd({ keys }: { readonly keys: string }) {
  const parts = keys.split('+').map((k) => (k === 'Mod' ? (IS_MAC ? '⌘' : 'Ctrl') : k));
  return (
    <span className="kbd-group">
      {parts.map((k, i) => <kbd key={`${k}-${i}`} className="kbd">{k}</kbd>)}
    </span>
  );
}

/** "Label  Alt+Q" for a tooltip title. */
export function withShortcut(label: string, keys: string) {
  return <span>{label} <Kbd keys={keys} /></span>;
}
