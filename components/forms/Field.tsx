import type { InputHTMLAttributes } from 'react';
import { fieldErrorClass, inputClass } from './styles';

/** A labelled input with its validation message right below it. */
export function Field({
  label,
  name,
  error,
  hint,
  ...input
}: { label: string; name: string; error?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const messageId = `${name}-message`;
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span>{label}</span>
      <input name={name} aria-invalid={error ? true : undefined} aria-describedby={error || hint ? messageId : undefined} className={inputClass} {...input} />
      {error ? (
        <span id={messageId} data-testid={`${name}-error`} className={fieldErrorClass}>
          {error}
        </span>
      ) : (
        hint && (
          <span id={messageId} className="text-xs text-zinc-500">
            {hint}
          </span>
        )
      )}
    </label>
  );
}
