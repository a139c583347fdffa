package dev.gkstudio.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Rego unit tests and free queries in the browser: a policy with two unit tests (one wrong) shows 1 pass / 1 fail
 * in the Tests tab, clicking the failed test opens its failing expression, fixing the test gives 2 passes, and a
 * query in the Query tab shows its value (with history on ↑).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegoUnitTestsTest {

    static final String POLICY = """
            package k8sreplicalimits

            violation[{"msg": msg}] {
              replicas := input.review.object.spec.replicas
              replicas > input.parameters.max
              msg := sprintf("%v replicas, at most %v", [replicas, input.parameters.max])
            }
            """;

    static final String TESTS = """
            package k8sreplicalimits_test

            import rego.v1

            import data.k8sreplicalimits

            deployment(n) := {"review": {"object": {"spec": {"replicas": n}}}, "parameters": {"max": 3}}

            test_three_replicas_are_fine if {
            \tcount(k8sreplicalimits.violation) == 0 with input as deployment(3)
            }

            test_five_replicas_are_too_many if {
            \tsome v in k8sreplicalimits.violation with input as deployment(5)
            \tv.msg == "5 replicas, at most 4"
            }
            """;

    private StudioSession s;

    @BeforeAll
    void start() throws Exception {
        s = StudioSession.open(Files.createTempDirectory("rego-tests-e2e"));
    }

    @AfterAll
    void stop() throws Exception {
        if (s != null) s.close();
    }

    private void setEditorText(String text) {
        s.js("window.studio.editors.regoEditor.getModel().setValue(arguments[0]);", text);
    }

    private List<WebElement> rows() {
        return s.allByTestId("test-row");
    }

    private String statuses() {
        StringBuilder sb = new StringBuilder();
        for (WebElement r : rows()) {
            sb.append(r.findElement(By.cssSelector("[data-testid='test-status']")).getText()).append(' ')
                    .append(r.getAttribute("data-name")).append('\n');
        }
        return sb.toString();
    }

    @Test
    @Order(1)
    void aPolicyWithOneWrongTestShowsOnePassAndOneFail() throws Exception {
        setEditorText(POLICY);
        s.awaitCurrentResults();
        s.byTestId("add-test").click();
        s.waitFor(d -> ((String) s.js("return window.studio.editors.regoEditor.getModel().uri.toString();")).endsWith("src_test.rego"));
        setEditorText(TESTS);
        s.byTestId("tests-tab").click();
        s.waitFor(d -> rows().size() == 2 && statuses().contains("FAIL"));
        String st = statuses();
        assertEquals("PASS data.k8sreplicalimits_test.test_three_replicas_are_fine\n"
                + "FAIL data.k8sreplicalimits_test.test_five_replicas_are_too_many\n", st);
        assertTrue(s.byTestId("tests").getText().contains("2 tests: 1 passed, 1 failed"), s.byTestId("tests").getText());
        s.screenshot("rego-tests-01-one-pass-one-fail");
    }

    @Test
    @Order(2)
    void clickingTheFailedTestOpensItsFailingExpression() throws Exception {
        rows().get(1).click();
        int line = ((Number) s.js("return window.studio.editors.regoEditor.getPosition().lineNumber;")).intValue();
        assertEquals(s.lineOf("regoEditor", "v.msg == \"5 replicas, at most 4\""), line);
        String detail = s.byTestId("test-detail").getText();
        assertTrue(detail.contains("test_five_replicas_are_too_many: FAIL"), detail);
        assertTrue(detail.contains("Fail "), detail);
        s.screenshot("rego-tests-02-failed-test-opened");
    }

    @Test
    @Order(3)
    void fixingTheTestGivesTwoPasses() throws Exception {
        // the fix is typed into the editor: replace "4" in the expected message by "3"
        int line = s.lineOf("regoEditor", "at most 4");
        s.caretAtLineEnd("regoEditor", line);
        new org.openqa.selenium.interactions.Actions(s.driver)
                .sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE, "3\"").perform();
        s.waitFor(d -> rows().size() == 2 && !statuses().contains("FAIL"));
        assertEquals("PASS data.k8sreplicalimits_test.test_three_replicas_are_fine\n"
                + "PASS data.k8sreplicalimits_test.test_five_replicas_are_too_many\n", statuses());
        assertTrue(s.byTestId("tests").getText().contains("2 tests: 2 passed, 0 failed"), s.byTestId("tests").getText());
        s.screenshot("rego-tests-03-fixed");
    }

    @Test
    @Order(4)
    void aQueryShowsItsValue() throws Exception {
        s.byTestId("query-tab").click();
        WebElement input = s.byTestId("query-input");
        input.sendKeys("x := data.k8sreplicalimits_test.deployment(7); count(data.k8sreplicalimits.violation) with input as x");
        s.byTestId("query-run").click();
        s.waitFor(d -> s.byTestId("query-result").getText().contains("\"expressions\""));
        String result = s.byTestId("query-result").getText();
        assertTrue(result.contains("\"value\": 1,"), result);
        assertTrue(result.contains("\"text\": \"count(data.k8sreplicalimits.violation) with input as x\""), result);
        assertTrue(result.contains("\"bindings\""), result);
        s.screenshot("rego-tests-04-query-value");

        input.clear();
        input.sendKeys("1 + ", Keys.chord(Keys.CONTROL, Keys.ENTER));
        s.waitFor(d -> "error".equals(s.byTestId("query-result").getAttribute("data-state")));
        assertTrue(s.byTestId("query-result").getText().contains("rego_parse_error"), s.byTestId("query-result").getText());

        input.clear();
        input.sendKeys(Keys.ARROW_UP, Keys.ARROW_UP);
        assertTrue(input.getAttribute("value").startsWith("x := data.k8sreplicalimits_test.deployment(7)"),
                input.getAttribute("value"));
        s.screenshot("rego-tests-05-query-history");
    }

    @Test
    @Order(5)
    void codeLensesRunTheTestsFromTheEditor() throws Exception {
        By lens = By.cssSelector("[data-testid='rego-editor'] .codelens-decoration a");
        s.waitFor(d -> d.findElements(lens).size() == 3);
        List<String> titles = s.driver.findElements(lens).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Run all tests", "Run test", "Run test"), titles);
        s.byTestId("query-tab").click();
        long before = ((Number) s.js("return window.studio.state.version")).longValue();
        s.driver.findElements(lens).get(2).click();
        s.waitFor(d -> ((Number) s.js("return window.studio.state.version")).longValue() > before);
        s.waitFor(d -> !s.byTestId("tests").isDisplayed() ? false
                : d.findElements(By.cssSelector("[data-testid='test-row'].selected")).size() == 1);
        assertEquals("data.k8sreplicalimits_test.test_five_replicas_are_too_many",
                s.driver.findElement(By.cssSelector("[data-testid='test-row'].selected")).getAttribute("data-name"));
        s.screenshot("rego-tests-06-code-lens");
    }
}
