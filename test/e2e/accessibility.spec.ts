import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

test.describe('accessibility', () => {
  for (const language of ['English', 'Deutsch'] as const) {
    test(`the status screen has no serious violations in ${language}`, async ({ host, statusPage, page }) => {
      await statusPage.open(host.url);
      await statusPage.language(language).click();
      await expect(statusPage.language(language)).toHaveAttribute('aria-pressed', 'true');
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    });
  }
});
