package org.dlab.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layering, checked on the compiled main classes of every module (tests are not read: a test may
 * open a store with JDBC to check what a command wrote). engine &lt; workbench &lt; {cli, server, spark}; the
 * results store (JDBC, DuckDB) is reached only through the workbench's store package.
 */
class LayeringTest {

    /** Maven module directory and its root package, bottom layer first. */
    private static final String[][] MODULES = {
        {"engine", "org.dlab.engine"},
        {"workbench", "org.dlab.workbench"},
        {"server", "org.dlab.server"},
        {"spark", "org.dlab.spark"},
        {"cli", "org.dlab.cli"},
    };

    private static final String[] FRONT_ENDS = {"org.dlab.cli..", "org.dlab.server..", "org.dlab.spark.."};
    // the store's engine: only the workbench's store package opens it
    private static final String[] STORE_ACCESS = {"java.sql..", "org.duckdb.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importModules() {
        Path root = Path.of(System.getProperty("dlab.arch.root", "..")).toAbsolutePath().normalize();
        List<Path> outputs = new ArrayList<>();
        for (String[] module : MODULES) {
            Path dir = root.resolve(module[0]).resolve("target/classes");
            // the reactor compiles every module before this one (see arch/pom.xml); a missing one would make
            // every rule about it pass on nothing
            assertThat(dir).as("compiled classes of module %s", module[0]).isDirectory();
            outputs.add(dir);
        }
        classes = new ClassFileImporter().importPaths(outputs);
    }

    @Test
    void everyModuleWasImported() throws IOException {
        Path root = Path.of(System.getProperty("dlab.arch.root", "..")).toAbsolutePath().normalize();
        for (String[] module : MODULES) {
            long onDisk;
            try (Stream<Path> files = Files.walk(root.resolve(module[0]).resolve("target/classes"))) {
                onDisk = files.filter(f -> f.toString().endsWith(".class")).count();
            }
            long imported = classes.stream().filter(c -> c.getPackageName().startsWith(module[1])).count();
            assertThat(imported).as("classes of %s imported", module[0]).isPositive().isEqualTo(onDisk);
        }
    }

    @Test
    void engineImportsNothingAboveIt() {
        ArchRule rule = noClasses().that().resideInAPackage("org.dlab.engine..")
            .should().dependOnClassesThat().resideInAnyPackage(concat(new String[] {"org.dlab.workbench.."}, FRONT_ENDS))
            .because("the engine is the bottom layer: the workbench, the CLI, the server and Spark build on it");
        rule.check(classes);
    }

    @Test
    void workbenchImportsNoFrontEnd() {
        ArchRule rule = noClasses().that().resideInAPackage("org.dlab.workbench..")
            .should().dependOnClassesThat().resideInAnyPackage(FRONT_ENDS)
            .because("the CLI, the server and Spark are front ends over the workbench, not beneath it");
        rule.check(classes);
    }

    @Test
    void cliReachesTheStoreOnlyThroughTheWorkbench() {
        storeOnlyThroughWorkbench("org.dlab.cli..").check(classes);
    }

    @Test
    void serverReachesTheStoreOnlyThroughTheWorkbench() {
        storeOnlyThroughWorkbench("org.dlab.server..").check(classes);
    }

    @Test
    void sparkReachesTheStoreOnlyThroughTheWorkbench() {
        storeOnlyThroughWorkbench("org.dlab.spark..").check(classes);
    }

    private static ArchRule storeOnlyThroughWorkbench(String frontEnd) {
        return noClasses().that().resideInAPackage(frontEnd)
            .should().dependOnClassesThat().resideInAnyPackage(STORE_ACCESS)
            .because("the store is read and written through org.dlab.workbench.store (its read model), so that"
                + " its schema and its quoting live in one place");
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
