export interface NavItem {
  href: string;
  label: string;
}

/** Every dashboard page, in the order the navigation lists them. */
export const NAV_ITEMS: NavItem[] = [
  { href: '/', label: 'Overview' },
  { href: '/auth-metrics', label: 'Auth' },
  { href: '/discovery', label: 'Discovery' },
  { href: '/tools', label: 'Tools' },
  { href: '/explorer', label: 'Explorer' },
  { href: '/keys', label: 'API keys' },
  { href: '/retention', label: 'Retention' },
  { href: '/system', label: 'System' },
  { href: '/audit', label: 'Audit log' },
];
