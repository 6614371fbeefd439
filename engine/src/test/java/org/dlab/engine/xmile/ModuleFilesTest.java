package org.dlab.engine.xmile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XMILE modules whose models live in other files (Stella's url="r../Dir/File.itmx"). */
class ModuleFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    private static String file(String models) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<xmile version=\"1.0\" xmlns=\"http://docs.oasis-open.org/xmile/ns/XMILE/v1.0\">\n"
                + "<header><vendor>test</vendor></header>\n"
                + "<sim_specs><start>0</start><stop>4</stop><dt>1</dt></sim_specs>\n"
                + models + "</xmile>\n";
    }

    /**
     * The main file holds module "Pop" from Modules/Pop.itmx, which holds module "Births" from an
     * absolute path of the author's disk (read as the file of that name beside Pop.itmx). The
     * main model feeds Births.rate by its module name, as Stella writes it, two levels down.
     */
    @Test
    void modulesAreReadFromTheirFilesAndConnectedByModuleName() throws IOException {
        write("Modules/Pop.itmx", file("<model name=\"Pop\"><variables>\n"
                + "<stock name=\"People\"><eqn>100</eqn><inflow>born</inflow></stock>\n"
                + "<aux name=\"born\" access=\"input\"><eqn>0</eqn></aux>\n"
                + "<module name=\"Births\" url=\"/Users/someone/elsewhere/Births.itmx\"><connect to=\"Births.base\" from=\"People\"/></module>\n"
                + "</variables></model>\n"));
        write("Modules/Births.itmx", file("<model><variables>\n"
                + "<aux name=\"base\" access=\"input\"><eqn>0</eqn></aux><aux name=\"rate\" access=\"input\"><eqn>0</eqn></aux>\n"
                + "<aux name=\"births\"><eqn>base * rate</eqn></aux></variables></model>\n"));
        Path main = write("Model.stmx", file("<model><variables>\n"
                + "<aux name=\"growth\"><eqn>0.1</eqn></aux>\n"
                + "<module name=\"Pop\" url=\"r../Modules/Pop.itmx\">\n"
                + "<connect to=\"Births.rate\" from=\"growth\"/><connect to=\"Pop.born\" from=\"Births.births\"/></module>\n"
                + "</variables></model>\n"));
        // "r.." is relative to the file itself: Model.stmx/../Modules is the Modules folder beside it
        SimResult r = ModelLoader.load(main).newRun().simulate();
        // People grows 10% a step: 100, 110, 121
        assertThat(r.valueAt("Pop.People", 0)).isEqualTo(100);
        assertThat(r.valueAt("Pop.People", 1)).isEqualTo(110);
        assertThat(r.valueAt("Pop.People", 2)).isCloseTo(121, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(r.valueAt("Pop.Births.births", 0)).isEqualTo(10);
    }

    @Test
    void aModuleFileOutsideTheModelsFolderIsRefused() throws IOException {
        Path inner = dir.resolve("inner");
        write("Secret.itmx", file("<model><variables><aux name=\"x\"><eqn>1</eqn></aux></variables></model>\n"));
        Path main = write("inner/Model.stmx", file("<model><variables>\n"
                + "<module name=\"Secret\" url=\"r../../Secret.itmx\"/></variables></model>\n"));
        assertThatThrownBy(() -> ModelLoader.load(main)).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(((ModelException) e).describe()).contains("Model.stmx:6:"))
                .hasMessageContaining("outside the model's folder");
        assertThat(inner).exists();
    }

    @Test
    void aMissingModuleFileNamesTheModule() throws IOException {
        Path main = write("Model.stmx", file("<model><variables>\n"
                + "<module name=\"Gone\" url=\"r../Gone.itmx\"/></variables></model>\n"));
        assertThatThrownBy(() -> ModelLoader.load(main)).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(((ModelException) e).describe()).contains("Model.stmx:6:"))
                .hasMessageContaining("module file 'r../Gone.itmx' not found");
    }

    /**
     * A time-varying CSV import feeds a variable inside a module (named Module.variable) and one
     * at the top: the column at TIME, linear between rows (DT 0.5 reads the midpoints), held after the last.
     */
    @Test
    void aTimeVaryingCsvImportFeedsTheVariablesItsColumnsName() throws IOException {
        write("Data/input.csv", "Year,\"Sub.forcing\",level\n0,1,10\n1,3,20\n2,7,30\n");
        write("Sub.itmx", file("<model name=\"Sub\"><variables><aux name=\"forcing\"><eqn>NAN</eqn></aux>"
                + "<aux name=\"twice\"><eqn>2 * forcing</eqn></aux></variables></model>\n"));
        Path main = write("Model.stmx", file("<data><import isee:timevarying=\"true\" resource=\"r../Data/input.csv\"/></data>\n"
                + "<model><variables><aux name=\"level\"><eqn>NAN</eqn></aux>\n"
                + "<module name=\"Sub\" url=\"r../Sub.itmx\"/></variables></model>\n").replace("<dt>1</dt>", "<dt>0.5</dt>"));
        SimResult r = ModelLoader.load(main).newRun().simulate();
        assertThat(r.valueAt("Sub.forcing", 0)).isEqualTo(1);
        assertThat(r.valueAt("Sub.forcing", 0.5)).isEqualTo(2);
        assertThat(r.valueAt("Sub.twice", 1.5)).isEqualTo(10);
        assertThat(r.valueAt("level", 2)).isEqualTo(30);
        assertThat(r.valueAt("level", 4)).isEqualTo(30);
    }
}
