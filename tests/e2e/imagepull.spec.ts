import { existsSync, readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { runCommand, terminalRows } from './helpers';

/** Every scenario in the repository is in the built catalog. */
const catalogSize = readdirSync('scenarios').filter((d) => existsSync(`scenarios/${d}/scenario.yaml`)).length;

test('the picker lists every scenario; a learner works taskflow-imagepull from the picker to the results', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await expect(page.getByRole('link', { name: /^Start: / })).toHaveCount(catalogSize);
  await page.getByRole('link', { name: 'Start: TaskFlow web release stuck on an image pull' }).click();

  // The chat says the frontend is broken; the learner judges by what serves users.
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV4');
  await page.getByRole('button', { name: 'Start investigating' }).click();
  await runCommand(page, 'kubectl get pods');
  await expect(terminalRows(page)).toContainText(/web-frontend-\S+\s+0\/1\s+(ErrImagePull|ImagePullBackOff)/);
  await expect(terminalRows(page)).toContainText(/web-frontend-\S+\s+1\/1\s+Running/);
  await runCommand(page, 'kubectl describe service web-frontend');
  await expect(terminalRows(page)).toContainText(/Endpoints:\s+10\.244\.\d+\.\d+:3000,/);
  await runCommand(page, 'kubectl rollout history deployment/web-frontend');
  await expect(terminalRows(page)).toContainText('release 1.9.0: dark mode');
  await runCommand(page, 'kubectl get deployment web-frontend -o wide');
  await expect(terminalRows(page)).toContainText('registry.example/taskflow/web-frontend:1.90');

  // Mitigate in the terminal: acting is deciding. The old pods never stopped serving.
  await runCommand(page, 'kubectl rollout undo deployment/web-frontend');
  await expect(terminalRows(page)).toContainText('deployment.apps/web-frontend rolled back');
  await page.getByRole('tab', { name: 'Incident' }).click();
  // The old ReplicaSet grows back to three: its new pod must stay up a minute before it counts.
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Wait 1 min' }).first().click();
  await runCommand(page, 'kubectl rollout status deployment/web-frontend');
  await expect(terminalRows(page)).toContainText('deployment "web-frontend" successfully rolled out');
  await page.getByRole('button', { name: 'Declare resolved' }).click();

  await expect(page.getByRole('heading', { name: 'Write the postmortem' })).toBeVisible();
  await page.getByLabel('Summary').fill('The web-frontend 1.9.0 release stalled on a mistyped image tag (1.90); rolling back ended it.');
  await page.getByLabel('Impact').fill('No user-facing errors: two of three old replicas kept serving; the release was delayed.');
  await page.getByLabel('Root cause').fill('The tag 1.90 does not exist in the registry, so every pull failed with not found.');
  await page.getByLabel('Trigger').fill('The web-frontend 1.9.0 release.');
  await page.getByLabel('Resolution').fill('kubectl rollout undo; verified with rollout status and three pods 1/1 Running.');
  await page.getByLabel('Action items').fill('Check in the pipeline that the tag exists before rollout (owner: platform team).');
  await page.getByRole('button', { name: 'Submit postmortem' }).click();
  await expect(page.getByRole('heading', { name: /Incident closed/ })).toBeVisible();
  await expect(page.getByText(/Severity: SEV4/)).toBeVisible();
});
