// Page object for the app shell, addressed by labels, roles and test ids.
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

  heading(name) {
    return this.page.getByRole('heading', { name, exact: true });
  }

  async horizontalOverflow() {
    return this.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  }
}
