package io.kessai.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md: nothing outside the crypto/HSM boundary sees a clear PIN or key. Concretely, the primitives
 * that take raw keys or give clear PINs (DUKPT derivation, PIN block coding, ciphers, MACs, and the
 * envelope code that runs on raw DUKPT sessions) are used only by {@code crypto} itself, by the
 * {@code reader} (a secure device of its own) and by the developer commands of {@code app.cli}, which
 * print test keys by design. The center, phone and issuer go through {@code Hsm}.
 */
class HsmBoundaryTest {
    static final String[] INSIDE = {"io.kessai.crypto..", "io.kessai.reader..", "io.kessai.app.cli.."};
    static final String[] KEY_AND_PIN_PRIMITIVES = {
        "io.kessai.crypto.dukpt..", "io.kessai.crypto.cipher..", "io.kessai.crypto.mac.."
    };

    static final ArchRule NO_PRIMITIVES_OUTSIDE = noClasses()
            .that().resideOutsideOfPackages(INSIDE)
            .should().dependOnClassesThat().resideInAnyPackage(KEY_AND_PIN_PRIMITIVES)
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.kessai.crypto.pin.PinBlocks")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.kessai.crypto.envelope.EnvelopeCrypto")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.kessai.crypto.envelope.DukptSessions")
            .because("keys and clear PINs exist only inside the HSM boundary (DESIGN.md, PCI PIN)");

    @Test
    void nothingOutsideTheBoundaryUsesKeyOrPinPrimitives() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.kessai");
        assertThat(production.size()).as("classes imported").isGreaterThan(50);
        NO_PRIMITIVES_OUTSIDE.check(production);
    }

    @Test
    void theRuleCatchesAViolation() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.kessai.archfixture");
        EvaluationResult result = NO_PRIMITIVES_OUTSIDE.evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("LeakyCenterCode").contains("PinBlocks");
    }
}
