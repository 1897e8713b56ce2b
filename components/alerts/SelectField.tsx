import type { SelectHTMLAttributes } from 'react';
import { fieldErrorClass, inputClass } from '@/components/forms/styles';

/** A labelled select with its validation message right below it (Field's counterpart). */
export function SelectField({
  label,
  name,
  error,
  options,
  ...select
}: { label: string; name: string; error?: string; options: readonly { value: string; label: string }[] } & SelectHTMLAttributes<HTMLSelectElement>) {
  const messageId = `${name}-message`;
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span>{label}</span>
      <select name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? messageId : undefined} className={inputClass} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <span id={messageId} data-testid={`${name}-error`} className={fieldErrorClass}>
          {error}
        </span>
      )}
    </label>
  );
}
