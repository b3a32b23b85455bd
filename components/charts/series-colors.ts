// Plain data (not in a 'use client' module) so server components that shape chart rows can read the palette.

/**
 * Series colours that read in both schemes. Only theme tokens some utility class uses are emitted by Tailwind, so the
 * palette borrows the severity and status tokens (always present) rather than ones no class references.
 */
export const SERIES_COLORS = ['var(--color-low)', 'var(--color-pass)', 'var(--color-medium)', 'var(--color-high)', 'var(--color-critical)', 'var(--color-muted-foreground)', 'var(--color-informational)'] as const;
