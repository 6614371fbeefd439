package org.dlab.workbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
    @TempDir Path tmp;

    @Test
    void hashesTheFilesBytesAsPublishedVectorsSay() throws Exception {
        // FIPS 180-2, appendix B.1: SHA-256("abc")
        Path abc = Files.write(tmp.resolve("abc.txt"), "abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(Provenance.sha256(abc)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        // SHA-256 of the empty input (FIPS 180-4 examples)
        assertThat(Provenance.sha256(Files.write(tmp.resolve("empty"), new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void bytesThatAreNotUtf8AreHashedAsTheyAre() throws Exception {
        // "café" in ISO-8859-1: decoding and re-encoding as UTF-8 would turn 0xE9 into 0xC3 0xA9 and change the hash
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xE9};
        Path f = Files.write(tmp.resolve("latin1.mdl"), latin1);
        assertThat(Provenance.sha256(f)).isEqualTo(Provenance.sha256(latin1))
                .isNotEqualTo(Provenance.sha256(new String(latin1, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFileEntryRecordsThePathAndItsHashInOrder() throws Exception {
        Path abc = Files.write(tmp.resolve("abc.txt"), "abc".getBytes(StandardCharsets.US_ASCII));
        var m = Provenance.builder().put("kind", "test").file("data", abc).map();
        assertThat(m.keySet()).containsExactly("kind", "data", "data_sha256");
        assertThat(m.get("data")).isEqualTo(abc.toString());
        assertThat(m.get("data_sha256")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aMissingFileIsAnErrorNamingIt() {
        Path none = tmp.resolve("none.mdl");
        assertThatThrownBy(() -> Provenance.sha256(none)).isInstanceOf(ModelException.class).hasMessageContaining(none.toString()).hasMessageContaining("cannot read");
    }
}
