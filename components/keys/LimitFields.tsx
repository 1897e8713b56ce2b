import { Field } from '@/components/forms/Field';

export interface LimitValues {
  rateLimit?: number | null;
  dailyUsageLimit?: number | null;
  monthlyUsageLimit?: number | null;
}

/** The three limits of a key, as the create and edit forms both ask for them. */
export function LimitFields({ values = {}, errors, rateLimitHint }: { values?: LimitValues; errors: Record<string, string>; rateLimitHint: string }) {
  return (
    <>
      <Field
        label="Rate limit (requests/min)"
        name="rateLimit"
        inputMode="numeric"
        defaultValue={values.rateLimit ?? ''}
        error={errors.rateLimit}
        hint={rateLimitHint}
      />
      <Field
        label="Daily limit"
        name="dailyUsageLimit"
        inputMode="numeric"
        defaultValue={values.dailyUsageLimit ?? ''}
        error={errors.dailyUsageLimit}
        hint="blank: no daily limit"
      />
      <Field
        label="Monthly limit"
        name="monthlyUsageLimit"
        inputMode="numeric"
        defaultValue={values.monthlyUsageLimit ?? ''}
        error={errors.monthlyUsageLimit}
        hint="blank: no monthly limit"
      />
    </>
  );
}
