import type { RetentionPolicy } from '@/lib/retention/get-policies';

export const policyJson = (p: RetentionPolicy) => ({
  table_name: p.table,
  column: p.column,
  retention_days: p.retentionDays,
  is_active: p.isActive,
  created_at: p.createdAt,
  updated_at: p.updatedAt,
});
