import { expect, test } from '@playwright/test';
import { runCommand, terminalRows } from './helpers';

const SCENARIO = 'taskflow-crashloop';

test('with IndexedDB unavailable the game still plays and says progress will not be saved', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await page.goto(`./#/play/${SCENARIO}`);
  await expect(page.getByText(/progress will not be saved/i).first()).toBeVisible();
  await runCommand(page, 'kubectl get pods');
  await expect(terminalRows(page)).toContainText('No resources found in default namespace.');
});

test('a corrupt save is kept aside and a new game starts with a plain notice', async ({ page }) => {
  await page.goto('./');
  await page.evaluate(async (id) => {
    await new Promise<void>((resolve, reject) => {
      // The app's current version (2); whichever side creates the database first makes every store.
      const open = indexedDB.open('firedrill', 2);
      open.onupgradeneeded = () => {
        for (const store of ['sessions', 'settings', 'scenarios']) {
          if (!open.result.objectStoreNames.contains(store)) open.result.createObjectStore(store);
        }
      };
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('sessions', 'readwrite');
        tx.objectStore('sessions').put({ scenarioId: id, save: { format: 1, inputs: 'half-written' } }, id);
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
  }, SCENARIO);

  await page.goto(`./#/play/${SCENARIO}`);
  await expect(page.getByText(/could not be read/)).toBeVisible();
  await runCommand(page, 'kubectl get pods');
  await expect(terminalRows(page)).toContainText('No resources found in default namespace.');

  const keys = await page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('firedrill', 2);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('sessions').objectStore('sessions').getAllKeys();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result.map(String));
          };
        };
      }),
  );
  expect(keys.some((k) => k.startsWith(`corrupt:${SCENARIO}:`))).toBe(true);
});

test('Restart scenario asks first, then clears that scenario’s progress', async ({ page }) => {
  await page.goto(`./#/play/${SCENARIO}`);
  await runCommand(page, 'kubectl get pods');
  await expect(page.getByText('Progress saved')).toBeVisible();

  await page.getByRole('button', { name: 'Restart scenario' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(terminalRows(page)).toContainText('No resources found');

  await page.getByRole('button', { name: 'Restart scenario' }).click();
  await page.getByRole('button', { name: 'Yes, restart' }).click();
  await expect(terminalRows(page)).not.toContainText('No resources found');
  await page.reload();
  await expect(terminalRows(page)).toContainText('$');
  await expect(terminalRows(page)).not.toContainText('No resources found');
});
