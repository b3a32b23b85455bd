import { expect, type Locator, type Page } from '@playwright/test';

/** The triage queue (/triage) and an item page (/triage/:id). */
export class TriagePage {
  readonly queue: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.queue = page.getByTestId('triage-queue');
    this.rows = page.getByTestId('triage-row');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/triage${query}`);
    await expect(this.page.getByRole('heading', { name: 'Triage', exact: true })).toBeVisible();
  }

  async rowIds(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id') ?? ''));
  }

  focusedId(): Promise<string | null> {
    return this.page.locator('[data-testid="triage-row"][data-focused]').getAttribute('data-id');
  }
}
