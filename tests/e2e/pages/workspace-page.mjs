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

  /**
   * The control of offer `name`'s `field`. Waivers and seldom-changed terms are behind the
   * card's "Waivers and more terms" disclosure: it is opened as an agent would, by its summary.
   */
  async offerField(name, field) {
    const id = `offer-${await this.offerIndex(name)}-${field}`;
    const more = this.offer(name).getByTestId('more-terms');
    if ((await more.locator(`#${id}`).count()) > 0 && !(await more.evaluate((d) => d.open))) {
      await more.locator('summary').click();
    }
    return this.page.locator(`#${id}`);
  }

  async setOffer(name, values) {
    for (const [field, value] of Object.entries(values)) {
      const input = await this.offerField(name, field);
      if ((await input.evaluate((e) => e.tagName)) === 'SELECT') await input.selectOption({ label: value });
      else await input.fill(value);
    }
  }

  /**
   * Offer `name`'s `figure`, as its card shows it (payment, count, total paid, effective rate,
   * reinstated) or else as the comparison table shows it in the offer's column, without the
   * table's hidden "(best)".
   */
  async figure(name, figure) {
    const inCard = this.offer(name).getByTestId(`figure-${figure}`);
    if ((await inCard.count()) > 0) return inCard.textContent();
    const table = this.page.getByTestId('compare-table');
    const column = (await table.locator('thead th').allTextContents()).findIndex((t) => t.endsWith(` ${name}`));
    const cell = table.locator(`tr[data-figure="${figure}"] td`).nth(column);
    return cell.evaluate((td) => td.firstChild?.textContent ?? '');
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
