export interface NavItem {
  href: string;
  label: string;
  /** A chart view: it reads the range and service of the URL, so moving between views keeps them. */
  view?: boolean;
}

/** Every dashboard page, in the order the navigation lists them. */
export const NAV_ITEMS: NavItem[] = [
  { href: '/', label: 'Overview', view: true },
  { href: '/auth-metrics', label: 'Auth', view: true },
  { href: '/discovery', label: 'Discovery', view: true },
  { href: '/tools', label: 'Tools', view: true },
  { href: '/explorer', label: 'Explorer', view: true },
  { href: '/alerts', label: 'Alerts' },
  { href: '/keys', label: 'API keys' },
  { href: '/retention', label: 'Retention' },
  { href: '/system', label: 'System' },
  { href: '/audit', label: 'Audit log' },
];

/** The parameters every chart view reads alike; the others (type, group, server, cursor) belong to one view. */
export const SHARED_VIEW_PARAMS = ['range', 'from', 'to', 'service'] as const;
