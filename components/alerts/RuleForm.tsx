'use client';

import { useEffect, useRef, useState } from 'react';
import { Field } from '@/components/forms/Field';
import { FormMessage } from '@/components/forms/FormMessage';
import { primaryButtonClass } from '@/components/forms/styles';
import { useFormAction } from '@/components/forms/use-form-action';
import type { FormAction } from '@/lib/forms/action-state';
import { ALERT_CONDITIONS, ALERT_CONDITION_NAMES, MAX_WINDOW_MINUTES, type AlertConditionName } from '@/lib/alerts/conditions';
import { SelectField } from './SelectField';

/** A rule as the form shows it. */
export interface RuleFormValues {
  name: string;
  service: string;
  metricType: string;
  condition: AlertConditionName;
  threshold: number;
  windowMinutes: number;
  webhookUrl: string;
  enabled: boolean;
}

const CONDITION_OPTIONS = ALERT_CONDITION_NAMES.map((name) => ({ value: name, label: `${ALERT_CONDITIONS[name].label} (${ALERT_CONDITIONS[name].unit})` }));

/**
 * Creates a rule (no `rule`) or edits one (`action` bound to it by the page). Invalid fields keep what
 * was typed and show their message below them; a created rule empties the form.
 */
export function RuleForm({
  canWrite,
  action,
  metricTypes,
  services,
  rule,
}: {
  canWrite: boolean;
  action: FormAction;
  metricTypes: readonly string[];
  services: readonly string[];
  rule?: RuleFormValues & { id: number };
}) {
  const { state, onSubmit, pending, busy } = useFormAction(action);
  const errors = state.status === 'error' ? state.fields : {};
  const form = useRef<HTMLFormElement>(null);
  const [condition, setCondition] = useState<AlertConditionName>(rule?.condition ?? 'error_rate_pct');
  useEffect(() => {
    if (state.status === 'ok' && !rule) form.current?.reset();
  }, [state, rule]);
  const listId = `services-${rule?.id ?? 'new'}`;
  const label = rule ? 'Edit alert rule' : 'Create an alert rule';
  return (
    <form ref={form} onSubmit={onSubmit} aria-label={label}>
      <fieldset disabled={!canWrite || busy} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Name" name="name" required defaultValue={rule?.name} error={errors.name} />
        <Field label="Service" name="service" required defaultValue={rule?.service} error={errors.service} list={listId} autoComplete="off" />
        <datalist id={listId}>
          {services.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <SelectField
          label="Metric type"
          name="metricType"
          defaultValue={rule?.metricType ?? metricTypes[0]}
          error={errors.metricType}
          options={metricTypes.map((t) => ({ value: t, label: t }))}
        />
        <SelectField
          label="Condition"
          name="condition"
          value={condition}
          onChange={(e) => setCondition(e.target.value as AlertConditionName)}
          error={errors.condition}
          options={CONDITION_OPTIONS}
        />
        <Field
          label={`Fires above (${ALERT_CONDITIONS[condition].unit})`}
          name="threshold"
          inputMode="decimal"
          required
          defaultValue={rule?.threshold}
          error={errors.threshold}
          hint={condition === 'error_rate_pct' ? '0–100' : 'milliseconds'}
        />
        <Field
          label="Window (minutes)"
          name="windowMinutes"
          inputMode="numeric"
          required
          defaultValue={rule?.windowMinutes ?? 5}
          error={errors.windowMinutes}
          hint={`1–${MAX_WINDOW_MINUTES}`}
        />
        <div className="sm:col-span-2">
          <Field
            label="Webhook URL"
            name="webhookUrl"
            type="url"
            required
            defaultValue={rule?.webhookUrl}
            error={errors.webhookUrl}
            hint="http(s); receives a JSON POST on firing and on resolving"
          />
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="enabled" defaultChecked={rule?.enabled ?? true} />
          Enabled
        </label>
        <div className="flex items-end">
          <button type="submit" className={primaryButtonClass}>
            {pending ? 'Saving…' : rule ? 'Save rule' : 'Create rule'}
          </button>
        </div>
      </fieldset>
      {state.status !== 'idle' && (
        <div className="mt-3">
          <FormMessage state={state} testId={rule ? 'rule-edit-message' : 'rule-message'} />
        </div>
      )}
    </form>
  );
}
