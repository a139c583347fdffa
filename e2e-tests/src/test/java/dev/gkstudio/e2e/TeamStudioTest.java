package dev.gkstudio.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Studio a team relies on (issue 19): work survives a reload, nothing replaces edited work without
 * asking (and what is replaced stays under Recent), "New policy" starts from a working skeleton, and a
 * sample no constraint matches says so instead of passing for allowed. Screenshots: {@code team-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TeamStudioTest {

    private static final String MARK = "# my own change";

    private StudioSession s;

    @BeforeAll
    void start() throws Exception {
        s = StudioSession.open(Files.createTempDirectory("gkstudio-team-"));
    }

    @AfterAll
    void stop() throws Exception {
        if (s != null) {
            s.close();
        }
    }

    @Test
    @Order(0)
    void aFirstVisitOffersTheTourAndNoThanksIsRemembered() throws Exception {
        WebElement offer = s.waitFor(d -> d.findElement(By.cssSelector("[data-testid='tour-offer']")));
        assertTrue(offer.isDisplayed());
        s.screenshot("team-00-tour-offer");
        s.byTestId("tour-offer-dismiss").click();
        assertTrue(s.allByTestId("tour-offer").isEmpty());
        assertEquals("true", s.js("return localStorage.getItem('gkstudio.tour.seen');"));
    }

    @Test
    @Order(1)
    void aReloadRestoresTheWork() throws Exception {
        s.caretAtLineEnd("regoEditor", 1);
        new Actions(s.driver).sendKeys(" " + MARK).perform();
        s.awaitCurrentResults();
        s.waitFor(d -> String.valueOf(s.js("return localStorage.getItem('gkstudio.workspace.current');")).contains(MARK));
        s.driver.navigate().refresh();
        s.waitFor(d -> Boolean.TRUE.equals(s.js("return !!window.studio;")));
        s.awaitCurrentResults();
        assertTrue(s.text("regoEditor").contains(MARK), s.text("regoEditor"));
        assertEquals("true", s.js("return document.body.dataset.restored;"));
        s.screenshot("team-01-restored-after-reload");
    }

    @Test
    @Order(2)
    void openingAGalleryPolicyOverEditedWorkAsksAndKeepsItUnderRecent() throws Exception {
        s.waitFor(d -> !"0".equals(String.valueOf(s.byTestId("gallery").getAttribute("data-count"))));
        new Select(s.byTestId("gallery")).selectByValue("allowed-repos");
        WebElement dialog = s.waitFor(d -> d.findElement(By.cssSelector("[data-testid='confirm-replace']")));
        s.screenshot("team-02-confirm-replace");
        assertTrue(dialog.getText().contains("Recent"), dialog.getText());
        s.byTestId("confirm-replace-cancel").click();
        s.waitFor(d -> s.allByTestId("confirm-replace").isEmpty());
        assertTrue(s.text("regoEditor").contains(MARK), "keeping on editing keeps the work");
        assertEquals("", new Select(s.byTestId("gallery")).getFirstSelectedOption().getAttribute("value"));

        s.openGalleryPolicy("allowed-repos"); // asks again; this time replaces
        assertFalse(s.text("regoEditor").contains(MARK));

        s.byTestId("workspace-button").click();
        WebElement recent = s.waitFor(d -> d.findElement(By.cssSelector("[data-testid='recent-workspace']")));
        s.screenshot("team-03-recent");
        recent.click();
        // the gallery policy was not edited: reopening the earlier work does not ask
        s.waitFor(d -> s.text("regoEditor").contains(MARK));
        assertTrue(s.allByTestId("confirm-replace").isEmpty());
        s.awaitCurrentResults();
    }

    @Test
    @Order(3)
    void newPolicyStartsFromAWorkingSkeleton() throws Exception {
        s.byTestId("workspace-button").click();
        s.waitFor(d -> d.findElement(By.cssSelector("[data-testid='new-policy']"))).click();
        // the workspace reopened from Recent is not edited since (and is still under Recent): no question
        s.waitFor(d -> "K8sMyPolicy".equals(s.js("return window.studio.state.template().kind;")));
        assertTrue(s.allByTestId("confirm-replace").isEmpty());
        s.awaitCurrentResults();
        s.screenshot("team-04-new-policy");
        assertEquals("allowed", s.sampleStatus("pinned image"), s.byTestId("results").getText());
        assertTrue(s.allByTestId("results-broken-banner").isEmpty());
        s.screenshot("team-04-new-policy");
    }

    @Test
    @Order(4)
    void aSampleNoConstraintMatchesIsNotMatchedWithTheReason() throws Exception {
        s.js("const m = window.studio.state.models.samples;"
                + "m.setValue(m.getValue() + '---\\n# case: settings\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: settings\\n');");
        s.awaitCurrentResults();
        s.screenshot("team-05-not-matched");
        assertEquals("not-matched", s.sampleStatus("settings"), s.byTestId("results").getText());
        WebElement card = s.driver.findElement(By.xpath(
                "//*[@data-testid='sample-status' and @data-sample='settings']/ancestor::div[contains(concat(' ', @class, ' '), ' sample ')][1]"));
        String reasons = card.findElement(By.cssSelector("[data-testid='not-matched-reasons']")).getText();
        assertTrue(reasons.contains("kind ConfigMap is not in spec.match.kinds"), reasons);
        String summary = s.driver.findElement(By.cssSelector("[data-testid='results'] [data-role='summary']")).getText();
        assertTrue(summary.contains("1 not matched"), summary);
        assertEquals("not matched", s.driver.findElement(By.cssSelector(
                "[data-testid='sample-status'][data-sample='settings']")).getText().toLowerCase());
        s.screenshot("team-05-not-matched");
    }

    @Test
    @Order(5)
    void aMisspelledSampleFieldIsAWarningOnItsLine() throws Exception {
        s.js("const m = window.studio.state.models.samples;"
                + "m.setValue(m.getValue().replace('  containers:', '  containres:'));");
        s.awaitCurrentResults();
        int line = s.lineOf("samplesEditor", "containres:");
        WebElement problem = s.waitFor(d -> d.findElements(By.cssSelector(
                "[data-testid='problems'] .problem[data-source='samples'][data-severity='warning']")).stream()
                .filter(e -> e.getText().contains("unknown field \"spec.containres\"")).findFirst().orElse(null));
        assertEquals(String.valueOf(line), problem.getAttribute("data-line"));
        assertTrue(Boolean.TRUE.equals(s.js("return monaco.editor.getModelMarkers({resource: window.studio.state.models.samples.uri})"
                + ".some(m => m.startLineNumber === arguments[0] && m.severity === monaco.MarkerSeverity.Warning);", line)));
        s.screenshot("team-06-schema-warning");
    }

    @Test
    @Order(6)
    void theTourWalksFiveStepsOfAGalleryPolicyAndTheShortcutsOpenWithAQuestionMark() throws Exception {
        s.byTestId("workspace-button").click();
        s.waitFor(d -> d.findElement(By.cssSelector("[data-testid='tour-open']"))).click();
        // the samples were edited: the tour asks before it opens its gallery policy
        s.waitFor(d -> d.findElement(By.cssSelector("[data-testid='confirm-replace-ok']"))).click();
        WebElement step = s.waitFor(d -> d.findElement(By.cssSelector("[data-testid='tour-step']")));
        assertTrue(step.getText().startsWith("1/5"), step.getText());
        s.awaitCurrentResults();
        assertEquals("K8sAllowedImageRepos", s.js("return window.studio.state.template().kind;"));
        s.screenshot("team-07-tour-step-1");
        for (int i = 2; i <= 5; i++) {
            s.byTestId("tour-next").click();
            int n = i;
            s.waitFor(d -> d.findElement(By.cssSelector("[data-testid='tour-step']")).getText().startsWith(n + "/5"));
            if (i == 3) {
                assertTrue(s.byTestId("tour").getText().contains("# expect:"), s.byTestId("tour").getText());
            }
        }
        s.screenshot("team-08-tour-step-5");
        assertEquals("Done", s.byTestId("tour-next").getText());
        s.byTestId("tour-next").click();
        assertTrue(s.allByTestId("tour").isEmpty());

        s.driver.findElement(By.cssSelector("header.topbar .brand")).click();
        new Actions(s.driver).sendKeys("?").perform();
        WebElement help = s.waitFor(d -> d.findElement(By.cssSelector("[data-testid='help-dialog']")));
        assertTrue(help.getText().contains("Ctrl/Cmd + Enter"), help.getText());
        s.screenshot("team-09-shortcuts");
        new Actions(s.driver).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
        s.waitFor(d -> s.allByTestId("help-dialog").isEmpty());
    }

    @Test
    @Order(7)
    void anExternalDataPolicyIsAnsweredFromTheMockedProviders() throws Exception {
        s.js("window.studio.state.load({"
                + "template: {rego: arguments[0], libs: [], regoVersion: 'v0', kind: 'K8sSignedImages', name: 'k8ssignedimages', schema: ''},"
                + "constraints: arguments[1], samples: arguments[2], inventory: '', providers: arguments[3]});",
                """
                package k8ssignedimages

                violation[{"msg": msg}] {
                  images := [c.image | c := input.review.object.spec.containers[_]]
                  response := external_data({"provider": "cosign", "keys": images})
                  r := response.responses[_]
                  r[1] != "signed"
                  msg := sprintf("image %v is %v", [r[0], r[1]])
                }
                """,
                "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sSignedImages\nmetadata:\n  name: signed\n"
                        + "spec:\n  match:\n    kinds:\n      - apiGroups: [\"\"]\n        kinds: [\"Pod\"]\n",
                "# case: two images\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
                        + "    - name: a\n      image: good:1\n    - name: b\n      image: bad:1\n",
                "cosign:\n  responses:\n    good:1: signed\n    bad:1: unsigned\n");
        s.awaitCurrentResults();
        assertEquals("violated", s.sampleStatus("two images"), s.byTestId("results").getText());
        assertEquals("image bad:1 is unsigned", s.violationsOf("two images").get(0)
                .findElement(By.cssSelector(".message")).getText());
        s.driver.findElement(By.cssSelector("[data-tabs='samples'] [data-tab='providers']")).click();
        s.screenshot("team-10-external-data-violation");
        // the mock answers differently: the policy follows
        s.js("const m = window.studio.state.models.providers; m.setValue(m.getValue().replace('bad:1: unsigned', 'bad:1: signed'));");
        s.awaitCurrentResults();
        assertEquals("allowed", s.sampleStatus("two images"));
        s.screenshot("team-11-external-data-allowed");
    }
}
