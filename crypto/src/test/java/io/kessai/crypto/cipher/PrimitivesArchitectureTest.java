package io.kessai.crypto.cipher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The primitives layer: cipher at the bottom, then mac, pin, dukpt; none of them reaches up. */
class PrimitivesArchitectureTest {
    private static final JavaClasses PRIMITIVES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kessai.crypto.cipher", "io.kessai.crypto.mac", "io.kessai.crypto.pin",
                    "io.kessai.crypto.dukpt");

    @Test
    void primitivesAreFreeOfCycles() {
        slices().matching("io.kessai.crypto.(*)..").should().beFreeOfCycles().check(PRIMITIVES);
    }

    @Test
    void primitivesDoNotDependOnTheHsmOrEnvelopeLayers() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.kessai.crypto.hsm..", "io.kessai.crypto.envelope..")
                .check(PRIMITIVES);
    }

    @Test
    void bouncyCastleIsNeverRegisteredAsAProvider() {
        noClasses().should().dependOnClassesThat()
                .haveFullyQualifiedName("org.bouncycastle.jce.provider.BouncyCastleProvider")
                .check(PRIMITIVES);
    }
}
