// Page object for the app shell and the quick plan, addressed by labels, roles and test ids.
export class AppPage {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  async open() {
    await this.page.goto(this.baseUrl);
    await this.page.getByTestId('product-name').waitFor();
  }

  productName() {
    return this.page.getByTestId('product-name').textContent();
  }

  languageSwitch() {
    return this.page.getByTestId('language-switch');
  }

  async chooseLanguage(tag) {
    await this.languageSwitch().selectOption(tag);
  }

  htmlLang() {
    return this.page.evaluate(() => document.documentElement.lang);
  }

  field(label) {
    return this.page.getByLabel(label, { exact: true });
  }

  async typeInto(label, text) {
    const input = this.field(label);
    await input.fill('');
    await input.pressSequentially(text);
  }

  /** Replaces the field's text in one input event, as a paste would. */
  async paste(label, text) {
    await this.field(label).fill(text);
  }

  figure(testId) {
    return this.page.getByTestId(testId).textContent();
  }

  errorOf(id) {
    return this.page.getByTestId(`${id}-error`).textContent();
  }

  async horizontalOverflow() {
    return this.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  }
}
