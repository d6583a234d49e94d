// Reminders: a notification when a session is due and the app is in the background, and a
// clear word when the browser refuses them. On the whole Chromium: the headless shell that the
// other tests use (playwright.config.mjs) has none.
import { test, expect, open, expectAccessible, runUntil, wholeBrowser } from './fixtures.mjs';

test.use(wholeBrowser);

test.describe('reminders allowed', () => {
  test.use({ permissions: ['notifications'] });

  test('a notification when a session is due while the app is in the background, only once turned on', async ({ page }) => {
    // Records each notification, then shows it; the page reports itself hidden on request.
    await page.addInitScript(() => {
      window.__notes = [];
      const Real = window.Notification;
      window.Notification = class extends Real {
        constructor(title, options) {
          super(title, options);
          window.__notes.push(`${title} | ${options?.body}`);
        }
      };
      Object.defineProperty(document, 'hidden', { get: () => window.__hidden ?? false });
    });
    const notes = () => page.evaluate(() => window.__notes);
    await open(page, '/', { pack: 'extension-progression' });
    await page.evaluate(() => { window.__hidden = true; });
    await runUntil(page, '10:01');
    expect(await notes()).toEqual([]);
    await page.evaluate(() => { window.__hidden = false; });
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const reminders = page.getByRole('switch', { name: /Remind me when a session is due/ });
    await expect(reminders).not.toBeChecked();
    await reminders.click();
    await expect(reminders).toBeChecked();
    await expectAccessible(page);
    // In view, the Today card is the reminder.
    await runUntil(page, '10:05');
    expect(await notes()).toEqual([]);
    await page.evaluate(() => { window.__hidden = true; });
    await runUntil(page, '12:31');
    await runUntil(page, '12:50');
    expect(await notes()).toEqual(['Time for: Extension routine | Due at 12:30. Open Centralise to start.']);
    await page.reload();
    await expect(page.locator('html[data-boot="ready"]')).toBeAttached();
    await expect(page.getByRole('switch', { name: /Remind me when a session is due/ })).toBeChecked();
  });
});

test('when the browser refuses notifications, the reminder stays off and says where to allow them', async ({ page, context }) => {
  await context.clearPermissions();
  await open(page, '/#/settings');
  const reminders = page.getByRole('switch', { name: /Remind me when a session is due/ });
  await reminders.click();
  await expect(page.getByRole('alert')).toContainText('Your browser does not allow notifications for Centralise');
  await expect(reminders).not.toBeChecked();
});
