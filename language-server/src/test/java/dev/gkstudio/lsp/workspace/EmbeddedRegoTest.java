package dev.gkstudio.lsp.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class EmbeddedRegoTest {

    @Test
    void aLibItemRightAfterTheLastLineOfTheOneBeforeIsFound() {
        String yaml = """
                spec:
                  targets:
                    - target: admission.k8s.gatekeeper.sh
                      libs:
                        - |
                          package lib.a
                          x := 1
                        - |
                          package lib.b
                          y := 2
                      rego: |
                        package p
                        z := 3
                      libs:
                        - |
                          package lib.c
                """;
        List<EmbeddedRego.Block> blocks = EmbeddedRego.find(yaml);
        assertEquals(List.of("package lib.a\nx := 1\n", "package lib.b\ny := 2\n", "package p\nz := 3\n", "package lib.c\n"),
                blocks.stream().map(EmbeddedRego.Block::text).toList());
        assertEquals(List.of(5, 8, 11, 15), blocks.stream().map(EmbeddedRego.Block::firstLine).toList());
    }
}
