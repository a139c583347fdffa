package dev.gkstudio.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.openqa.selenium.WebElement;

/**
 * The Mutation mode (issue 17): mutators in the Mutators tab beside the samples, each sample mutated as the API
 * server would store it before the constraints review it, the card's "mutated" badge opening the diff, a bad
 * mutator in Problems, and the mutators kept across a reload. Screenshots: {@code mutation-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MutationModeTest {

    private static final String REGO = """
            package k8salwayspull

            violation[{"msg": msg}] {
              c := input.review.object.spec.containers[_]
              not c.imagePullPolicy == "Always"
              msg := sprintf("container %v must pull Always", [c.name])
            }
            """;
    private static final String CONSTRAINT = "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sAlwaysPull\n"
            + "metadata:\n  name: always-pull\nspec:\n  match:\n    kinds:\n      - apiGroups: [\"\"]\n        kinds: [\"Pod\"]\n";
    private static final String SAMPLES = """
            # case: web
            # expect: allowed
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              containers:
                - name: app
                  image: nginx:1.27
                - name: sidecar
                  image: envoy:1.30
                  imagePullPolicy: IfNotPresent
            """;
    private static final String ASSIGN = """
            apiVersion: mutations.gatekeeper.sh/v1
            kind: Assign
            metadata:
              name: always-pull
            spec:
              applyTo:
                - groups: [""]
                  kinds: ["Pod"]
                  versions: ["v1"]
              location: "spec.containers[name: *].imagePullPolicy"
              parameters:
                assign:
                  value: Always
            """;

    private StudioSession s;

    @BeforeAll
    void start() throws Exception {
        s = StudioSession.open(Files.createTempDirectory("gkstudio-mutation-"));
        s.js("localStorage.setItem('gkstudio.tour.seen', 'true'); document.querySelector('[data-testid=tour-offer]')?.remove();");
    }

    @AfterAll
    void stop() throws Exception {
        if (s != null) {
            s.close();
        }
    }

    private void setMutators(String text) {
        s.js("window.studio.state.models.mutators.setValue(arguments[0]);", text);
        s.awaitCurrentResults();
    }

    @Test
    @Order(1)
    void withoutMutatorsTheSampleIsReviewedAsWritten() throws Exception {
        s.js("window.studio.state.load({"
                + "template: {rego: arguments[0], libs: [], regoVersion: 'v0', kind: 'K8sAlwaysPull', name: 'k8salwayspull', schema: ''},"
                + "constraints: arguments[1], samples: arguments[2], inventory: ''});", REGO, CONSTRAINT, SAMPLES);
        s.awaitCurrentResults();
        assertEquals("violated", s.sampleStatus("web"), s.byTestId("results").getText());
        assertEquals(2, s.violationsOf("web").size());
        assertTrue(s.allByTestId("mutated-badge").isEmpty());
    }

    @Test
    @Order(2)
    void theConstraintsReviewTheMutatedObjectAndTheBadgeOpensTheDiff() throws Exception {
        s.byTestId("mutators-tab").click();
        assertTrue(s.byTestId("mutators-editor").isDisplayed());
        setMutators(ASSIGN);
        assertEquals("allowed", s.sampleStatus("web"), s.byTestId("results").getText());
        assertEquals("true", s.byTestId("expectation").getAttribute("data-met"));
        WebElement badge = s.byTestId("mutated-badge");
        assertEquals("web", badge.getAttribute("data-sample"));
        assertEquals("mutated · 1 mutator", badge.getText());
        assertTrue(badge.getAttribute("title").contains("Assign.mutations.gatekeeper.sh /always-pull"));
        WebElement diff = s.byTestId("mutation-diff");
        assertFalse(diff.isDisplayed(), "the diff opens on demand");
        badge.click();
        assertTrue(diff.isDisplayed());
        List<String> rows = s.allByTestId("mutation-change").stream()
                .map(r -> r.getAttribute("data-op") + " " + r.getAttribute("data-path") + " " + r.findElement(By.cssSelector(".value")).getText())
                .toList();
        assertEquals(List.of("added spec.containers[0].imagePullPolicy \"Always\"",
                "changed spec.containers[1].imagePullPolicy \"IfNotPresent\" → \"Always\""), rows);
        s.screenshot("mutation-01-diff");
    }

    @Test
    @Order(3)
    void anEditToTheMutatorIsReviewedAgainAndTheDiffStaysOpen() throws Exception {
        setMutators(ASSIGN.replace("value: Always", "value: Never"));
        assertEquals("violated", s.sampleStatus("web"));
        assertEquals(List.of("container app must pull Always", "container sidecar must pull Always"),
                s.violationsOf("web").stream().map(v -> v.findElement(By.cssSelector(".message")).getText()).sorted().toList());
        assertEquals("true", s.byTestId("mutated-badge").getAttribute("aria-expanded"));
        assertTrue(s.byTestId("mutation-diff").isDisplayed());
        assertTrue(s.byTestId("mutation-diff").getText().contains("\"Never\""), s.byTestId("mutation-diff").getText());
        s.screenshot("mutation-02-edited");
    }

    @Test
    @Order(4)
    void aBadMutatorIsAProblemAtItsLine() throws Exception {
        setMutators(ASSIGN + "---\napiVersion: mutations.gatekeeper.sh/v1\nkind: Assign\nmetadata:\n  name: renames\n"
                + "spec:\n  applyTo: [{groups: [\"\"], kinds: [\"Pod\"], versions: [\"v1\"]}]\n  location: metadata.name\n"
                + "  parameters:\n    assign:\n      value: x\n");
        String problems = (String) s.js("return document.querySelector('[data-testid=problems]').textContent;");
        assertTrue(problems.contains("assign renames can't change metadata"), problems);
        // the valid mutator still applies
        assertEquals("mutated · 1 mutator", s.byTestId("mutated-badge").getText());
        s.screenshot("mutation-03-problem");
    }

    @Test
    @Order(5)
    void theMutatorsSurviveAReload() throws Exception {
        setMutators(ASSIGN);
        // the autosave runs after a pause in typing
        s.waitFor(d -> String.valueOf(s.js("return JSON.stringify(Object.values(localStorage));")).contains("always-pull"));
        s.driver.navigate().refresh();
        s.waitFor(d -> Boolean.TRUE.equals(s.js("return !!window.studio;")));
        s.awaitCurrentResults();
        assertEquals(ASSIGN, s.js("return window.studio.state.models.mutators.getValue();"));
        assertEquals("allowed", s.sampleStatus("web"));
        assertEquals(1, s.allByTestId("mutated-badge").size());
    }
}
