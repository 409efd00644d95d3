import { useEffect, useState } from 'preact/hooks';
import { call, explain } from '../api';
import type { Macro } from '../types';

/**
 * Saved replies in the case's language; "Insert" fills the placeholders (tracking number, customer's
 * name, subject, agent) on the API and hands the text to the composer. Sends nothing.
 */
export function MacroPicker({
  tracking,
  language,
  onInsert,
}: {
  tracking: string;
  language: string;
  onInsert: (text: string) => void;
}) {
  const [macros, setMacros] = useState<readonly Macro[]>([]);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    call<{ items: Macro[] }>('GET', `/macros?language=${encodeURIComponent(language)}`)
      .then((r) => setMacros(r.body.items))
      .catch(() => setMacros([]));
  }, [language]);
  if (macros.length === 0) return null;
  const insert = async () => {
    if (!chosen) return;
    setError(undefined);
    try {
      const r = await call<{ text: string }>(
        'GET',
        `/macros/${encodeURIComponent(chosen)}/render?case=${encodeURIComponent(tracking)}`,
      );
      onInsert(r.body.text);
    } catch (err) {
      setError(explain(err));
    }
  };
  return (
    <div class="row">
      <label class="inline">
        Saved reply
        <select value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}>
          <option value="">—</option>
          {macros.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void insert()} disabled={!chosen}>
        Insert saved reply
      </button>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
