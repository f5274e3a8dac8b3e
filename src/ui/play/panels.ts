/**
 * The play screen's panels that the first paint does not need (board, decision, verification,
 * postmortem, results, incident command, timeline, hints, the YAML editor, the Embed dialog, the
 * Settings panel, the restart confirmation, the command suggestions under the terminal on phones):
 * one chunk, fetched right after the prompt is ready, so the JS before the prompt stays small.
 */
export { default as BoardPanel } from './BoardPanel.svelte';
export { default as CommandPanel } from './CommandPanel.svelte';
export { default as DecisionPanel } from './DecisionPanel.svelte';
export { default as HintsPanel } from './HintsPanel.svelte';
export { default as PostmortemForm } from './PostmortemForm.svelte';
export { default as ResultsView } from './ResultsView.svelte';
export { default as TimelinePanel } from './TimelinePanel.svelte';
export { default as VerifyPanel } from './VerifyPanel.svelte';
export { default as YamlEditor } from '../editor/YamlEditor.svelte';
export { default as EmbedDialog } from '../embed/EmbedDialog.svelte';
export { default as CommandSuggestions } from '../terminal/CommandSuggestions.svelte';
export { default as SettingsPanel } from './SettingsPanel.svelte';
export { default as RestartConfirm } from './RestartConfirm.svelte';
