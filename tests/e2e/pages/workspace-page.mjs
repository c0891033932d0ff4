// Page object for the agent workspace. Offers are addressed by name (A, B, …); fields by
// the ids the app gives them, which are also what their labels point to.
export class WorkspacePage {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  async open() {
    await this.page.goto(this.baseUrl);
    await this.page.getByTestId('account').waitFor();
  }

  account(field) {
    return this.page.locator(`#account-${field}`);
  }

  async setAccount(values) {
    for (const [field, text] of Object.entries(values)) await this.account(field).fill(text);
  }

  offer(name) {
    return this.page.getByTestId(`offer-${name}`);
  }

  async offerIndex(name) {
    const names = await this.page.locator('article[data-testid^="offer-"]').evaluateAll((cards) => cards.map((c) => c.dataset.testid));
    return names.indexOf(`offer-${name}`);
  }

  async offerField(name, field) {
    return this.page.locator(`#offer-${await this.offerIndex(name)}-${field}`);
  }

  async setOffer(name, values) {
    for (const [field, value] of Object.entries(values)) {
      const input = await this.offerField(name, field);
      if ((await input.evaluate((e) => e.tagName)) === 'SELECT') await input.selectOption({ label: value });
      else await input.fill(value);
    }
  }

  figure(name, figure) {
    return this.offer(name).getByTestId(`figure-${figure}`).textContent();
  }

  async offerError(name, field) {
    return this.page.getByTestId(`offer-${await this.offerIndex(name)}-${field}-error`).textContent();
  }

  badge(name, badge) {
    return this.offer(name).getByTestId(badge);
  }

  action(name, action) {
    return this.offer(name).getByTestId(action);
  }

  scheduleRows() {
    return this.page.getByTestId('schedule-table').locator('tbody.rows tr');
  }
}
