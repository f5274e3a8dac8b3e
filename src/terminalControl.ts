/**
 * Control characters other than tab and line break: C0 (ESC starts every escape sequence), DEL and
 * the 8-bit C1 set, which xterm.js also obeys (0x9b is CSI). A log line, file or value carrying one
 * would reach the terminal as a command to it (move the cursor, paint a fake prompt, retitle the
 * page, plant an OSC 8 hyperlink), not as text. Shared by the scenario-file check
 * (ui/custom/customScenario.ts) and the progress import (storage/transfer.ts); both are lazy chunks.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const TERMINAL_CONTROL = /[\0-\x08\v-\x1f\x7f-\x9f]/;
