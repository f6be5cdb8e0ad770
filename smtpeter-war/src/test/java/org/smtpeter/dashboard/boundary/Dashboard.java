package org.smtpeter.dashboard.boundary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.smtpeter.testing.TestCredential;

/** What a person does on the dashboard, step by step, in a {@link Browser}. */
final class Dashboard {

    private final Browser browser;

    Dashboard(Browser browser) {
        this.browser = browser;
    }

    Browser browser() {
        return browser;
    }

    void logIn(String username, String password) {
        browser.open("/login.xhtml");
        browser.type(By.id("login:username"), username);
        browser.type(By.id("login:password"), password);
        browser.clickAndWait(By.id("login:submit"));
    }

    /** Goes to a section through the nav bar, as a person would (protected pages need its links). */
    void section(String name) {
        browser.clickAndWait(By.id("nav-" + name));
    }

    /** Creates an account on the accounts page; ends on the new account's page. */
    long createAccount(String name) {
        section("accounts");
        browser.type(By.id("create:name"), name);
        browser.clickAndWait(By.id("create:submit"));
        assertTrue(browser.pageText().contains("Account " + name + " created"), browser.pageText());
        String query = URI.create(browser.driver().getCurrentUrl()).getQuery();
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("id=")) {
                return Long.parseLong(parameter.substring(3));
            }
        }
        throw new AssertionError("no account id in " + browser.driver().getCurrentUrl());
    }

    /** Creates a credential on the account page that is open and reads its one-time password. */
    TestCredential createCredential(long accountId, String description) {
        browser.type(By.id("new-credential:description"), description);
        browser.clickAndWait(By.id("new-credential:submit"));
        return new TestCredential(accountId, browser.text(By.id("one-time-username")),
                browser.text(By.id("one-time-password")));
    }

    /** The session cookie, to send requests as this browser would (and as a forged request would). */
    String sessionCookie() {
        Cookie cookie = browser.driver().manage().getCookieNamed("JSESSIONID");
        return cookie.getName() + "=" + cookie.getValue();
    }

    String currentPath() {
        URI uri = URI.create(browser.driver().getCurrentUrl());
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
