package org.dlab.engine.units;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dlab.engine.ir.ModelSource;
import org.dlab.engine.model.Names;

/**
 * Groups of unit names that mean the same thing. Vensim keeps them in the settings block after
 * the sketch, one group a line: {@code 22:$,Dollar,Dollars,$s}. Every name of a group stands for
 * the group's first name. Without such lines, Person and Persons stay different units, as in
 * Vensim.
 */
public final class UnitSynonyms {
    public static final UnitSynonyms NONE = new UnitSynonyms(Map.of());

    /** Name key (as {@link Names#key}) to the spelling of its group's head. */
    private final Map<String, String> head;

    private UnitSynonyms(Map<String, String> head) {
        this.head = Collections.unmodifiableMap(head);
    }

    /** Groups given directly, each list headed by the name the others stand for. */
    public static UnitSynonyms of(List<List<String>> groups) {
        Map<String, String> m = new HashMap<>();
        for (List<String> g : groups) {
            String first = null;
            for (String name : g) {
                String n = UnitParser.spelling(name);
                if (n.isEmpty()) continue;
                if (first == null) first = n;
                // a name listed in two groups keeps its first group, as a reader would expect
                m.putIfAbsent(Names.key(n), first);
            }
        }
        return new UnitSynonyms(m);
    }

    /** The {@code 22:} lines of a Vensim model's settings block; none when there is no block. */
    public static UnitSynonyms fromModelText(String text) {
        int settings = text.indexOf(":L<%^E!@");
        if (settings < 0) {
            int sketchEnd = text.lastIndexOf("///---\\\\\\");
            if (sketchEnd < 0) return NONE;
            settings = sketchEnd;
        }
        List<List<String>> groups = new java.util.ArrayList<>();
        for (String line : text.substring(settings).split("\\r?\\n|\\r")) {
            if (line.startsWith("22:")) groups.add(List.of(line.substring(3).split(",")));
        }
        return of(groups);
    }

    /**
     * The synonyms of a parsed model, read from its file when it is a Vensim file that can
     * still be read; NONE otherwise (the parsed form does not keep the settings block).
     */
    public static UnitSynonyms forModel(ModelSource src) {
        try {
            Path p = Path.of(src.fileName());
            if (!p.isAbsolute() && src.directory() != null && !Files.isRegularFile(p)) {
                p = src.directory().resolve(p.getFileName() == null ? p : p.getFileName());
            }
            if (!Files.isRegularFile(p) || !p.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".mdl")) return NONE;
            return fromModelText(decode(Files.readAllBytes(p)));
        } catch (IOException | java.nio.file.InvalidPathException | SecurityException e) {
            // synonyms only soften the check; without them plurals stay distinct, never an error
            return NONE;
        }
    }

    /** As the model parser reads files: UTF-8, or Latin-1 when the bytes are not UTF-8. */
    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** The name a unit name stands for, or null when it is in no group. */
    String headOf(String name) {
        return head.get(Names.key(name));
    }

    public boolean isEmpty() {
        return head.isEmpty();
    }
}
