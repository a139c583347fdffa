package dev.gkstudio.backend;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** {@code /rules/}: the lint rule documentation the diagnostics link to. */
@QuarkusTest
class RulesPageTest {

    @Test
    void aRulePageIsRenderedFromItsMarkdown() {
        given().get("/rules/style/prefer-some-in-iteration").then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<title>prefer-some-in-iteration · Gatekeeper Studio</title>"))
                .body(containsString("<h1>prefer-some-in-iteration</h1>"))
                .body(containsString("<strong>Summary</strong>"))
                .body(containsString("<pre><code class=\"language-rego\">"))
                .body(containsString("href=\"/rules/\""));
    }

    @Test
    void everyLinkOfTheDiagnosticsHasAPage() {
        for (String code : new String[] {"imports/unused-import", "bugs/unused-variable", "gatekeeper/message-without-sprintf"}) {
            given().get("/rules/" + code).then().statusCode(200).body(containsString("<main data-testid=\"rule-doc\">"));
        }
        // the index's relative links to the .md files also resolve
        given().get("/rules/bugs/unused-variable.md").then().statusCode(200);
    }

    @Test
    void theIndexListsTheRulesWithWorkingLinks() {
        given().get("/rules/").then()
                .statusCode(200)
                .body(containsString("<table>"))
                .body(containsString("href=\"/rules/imports/unused-import\""))
                .body(not(containsString(".md\"")));
    }

    @Test
    void unknownOrUnsafePathsAreNotFound() {
        given().get("/rules/style/no-such-rule").then().statusCode(404);
        given().get("/rules/..%2F..%2Fapplication.properties/x").then().statusCode(404);
        given().get("/rules/Style/Line-Length").then().statusCode(404);
    }

    @Test
    void rawHtmlInMarkdownIsEscaped() {
        String html = RulesPage.render("# T <b>\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](other.md)\n",
                "/rules/style/");
        assertFalse(html.contains("<script>alert"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
        assertFalse(html.contains("javascript:"), html);
        assertTrue(html.contains("href=\"/rules/style/other\""), html);
        assertTrue(html.contains("<title>T &lt;b&gt; · Gatekeeper Studio</title>") || html.contains("<title>T"), html);
    }
}
