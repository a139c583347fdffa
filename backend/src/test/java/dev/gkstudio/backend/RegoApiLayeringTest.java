package dev.gkstudio.backend;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The modules built on the Rego engine (this backend, the language server, the Gatekeeper layer) use only the
 * engine's exported packages (rego/README.md, "Public API"): never its compiler, evaluator or builtin
 * implementations, so those can change without touching their users. The builtin documentation
 * ({@code BuiltinCatalog}, for the editor's hovers and completion) is the one exported class of {@code builtins}.
 */
class RegoApiLayeringTest {
    private static final String REGO = "dev.gkstudio.rego";

    private static final JavaClasses USERS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gkstudio.backend", "dev.gkstudio.lsp", "dev.gkstudio.gatekeeper");

    private static final DescribedPredicate<JavaClass> ENGINE_INTERNALS = new DescribedPredicate<>(
            "the engine's internal packages (" + REGO + ".compiler, .eval, .builtins except BuiltinCatalog)") {
        @Override
        public boolean test(JavaClass c) {
            String p = c.getPackageName();
            boolean internal = p.startsWith(REGO + ".compiler") || p.startsWith(REGO + ".eval")
                    || p.startsWith(REGO + ".builtins");
            return internal && !c.getName().startsWith(REGO + ".builtins.BuiltinCatalog");
        }
    };

    @Test
    void backendLanguageServerAndGatekeeperUseOnlyTheEnginesExportedPackages() {
        noClasses().that().resideInAnyPackage("dev.gkstudio.backend..", "dev.gkstudio.lsp..", "dev.gkstudio.gatekeeper..")
                .should().dependOnClassesThat(ENGINE_INTERNALS)
                .check(USERS);
    }
}
