import { test } from '@playwright/test';

const SCREENS = [
  { name: '1280px', viewport: { width: 1280, height: 800 }, colorScheme: 'light' },
  { name: 'phone', viewport: { width: 390, height: 844 }, colorScheme: 'light' },
  { name: 'dark', viewport: { width: 1280, height: 800 }, colorScheme: 'dark' },
] as const;

/**
 * On a failed test, the page as it was left, at 1280 px, at phone width and in dark mode, attached to the
 * report (beside Playwright's own screenshot and trace), so that a layout failure can be seen as the user would.
 */
export function keepScreensOnFailure(): void {
  test.afterEach(async ({ page }, testInfo) => {
    if (testInfo.status === testInfo.expectedStatus || page.isClosed()) return;
    for (const screen of SCREENS) {
      await page.setViewportSize(screen.viewport);
      await page.emulateMedia({ colorScheme: screen.colorScheme });
      await testInfo.attach(`screen-${screen.name}`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
    }
  });
}
