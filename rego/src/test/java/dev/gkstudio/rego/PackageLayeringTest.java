package dev.gkstudio.rego;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's layering (rego/README.md, "Public API"): its top-level packages form no cycle, the exported
 * packages do not lean on the internal ones, and the facade's public signatures name exported types only, so
 * other modules can use the engine without reaching into the compiler, the evaluator or the builtins.
 */
class PackageLayeringTest {
    private static final String ROOT = "dev.gkstudio.rego";
    /** Internal packages; everything else under {@link #ROOT} is exported. */
    static final String[] INTERNAL = {ROOT + ".compiler..", ROOT + ".eval..", ROOT + ".builtins.."};

    private static final JavaClasses REGO = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** One slice per top-level package (subpackages such as compiler stages belong to theirs); "facade" for the root. */
    private static final SliceAssignment TOP_LEVEL = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            if (p.equals(ROOT)) return SliceIdentifier.of("facade");
            if (!p.startsWith(ROOT + ".")) return SliceIdentifier.ignore();
            return SliceIdentifier.of(p.substring(ROOT.length() + 1).split("\\.")[0]);
        }

        @Override
        public String getDescription() {
            return "the top-level packages of " + ROOT;
        }
    };

    @Test
    void theEnginesPackagesFormNoCycle() {
        slices().assignedFrom(TOP_LEVEL).should().beFreeOfCycles().check(REGO);
    }

    @Test
    void exportedPackagesOtherThanTheFacadeDoNotUseInternalOnes() {
        noClasses().that().resideInAnyPackage(ROOT + ".result..", ROOT + ".ast..", ROOT + ".parser..",
                        ROOT + ".format..", ROOT + ".trace..", ROOT + ".value..")
                .should().dependOnClassesThat().resideInAnyPackage(INTERNAL)
                .check(REGO);
    }

    @Test
    void theFacadesPublicSignaturesNameExportedTypesOnly() {
        members().that().areDeclaredInClassesThat().resideInAPackage(ROOT)
                .and().areDeclaredInClassesThat().arePublic()
                .and().arePublic()
                .should(useOnlyExportedTypes())
                .check(REGO);
    }

    private static ArchCondition<JavaMember> useOnlyExportedTypes() {
        return new ArchCondition<>("name only exported types in their signature") {
            @Override
            public void check(JavaMember m, ConditionEvents events) {
                List<JavaClass> types = new ArrayList<>();
                if (m instanceof JavaField f) types.add(f.getRawType());
                if (m instanceof JavaCodeUnit u) {
                    types.add(u.getRawReturnType());
                    types.addAll(u.getRawParameterTypes());
                }
                for (JavaClass t : types) {
                    boolean internal = t.getPackageName().startsWith(ROOT + ".compiler")
                            || t.getPackageName().startsWith(ROOT + ".eval")
                            || t.getPackageName().startsWith(ROOT + ".builtins");
                    if (internal && !m.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                        events.add(SimpleConditionEvent.violated(m, m.getFullName() + " exposes " + t.getName()));
                    }
                }
            }
        };
    }
}
