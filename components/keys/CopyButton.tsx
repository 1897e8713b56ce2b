'use client';

import { useState } from 'react';
import { secondaryButtonClass } from '@/components/forms/styles';

/** Copies text; falls back to a selected field's copy command where the Clipboard API is missing (plain http). */
export function CopyButton({ text, fieldId }: { text: string; fieldId: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const field = document.getElementById(fieldId) as HTMLInputElement | null;
      field?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  }
  return (
    <button type="button" onClick={copy} className={secondaryButtonClass}>
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}
