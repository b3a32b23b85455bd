import { expect, type Locator, type Page } from '@playwright/test';

const SEVERITY_LABEL = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', informational: 'Informational' } as const;

export class OverviewPage {
  readonly board: Locator;
  readonly openTotal: Locator;

  constructor(readonly page: Page) {
    this.board = page.getByTestId('stage-board');
    this.openTotal = page.getByTestId('open-total');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await expect(this.board).toBeVisible();
  }

  stage(stage: string): Locator {
    return this.board.locator(`section[data-stage="${stage}"]`);
  }

  async openTotalNumber(): Promise<number> {
    return Number((await this.openTotal.innerText()).replace(/[^0-9]/g, ''));
  }

  /** The count shown for one severity in the "Open findings" summary. */
  async openBySeverity(severity: keyof typeof SEVERITY_LABEL): Promise<number> {
    const item = this.page.getByTestId('open-by-severity').locator('li', { hasText: SEVERITY_LABEL[severity] });
    return Number((await item.innerText()).replace(/[^0-9]/g, ''));
  }

  async controlIds(): Promise<string[]> {
    return this.board.locator('[data-control]').evaluateAll((els) => els.map((e) => e.getAttribute('data-control') ?? ''));
  }
}
