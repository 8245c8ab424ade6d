package nl.mailwijs;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The module boundaries (platform, decisions, cli, decisionjson, audit, ...) hold: no cycles, no
 * reach into internals. The engine is a library of its own Maven module, not one of these
 * modules: the compiler already keeps frameworks out of it, and all its packages are its API.
 */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(MailwijsApplication.class, resideInAPackage("nl.mailwijs.engine.."));

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }
}
