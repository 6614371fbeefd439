package org.dlab.workbench.study;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;

/**
 * A YAML document as a small tree that remembers where every key and value stood. Jackson's own
 * tree ({@code JsonNode}) forgets locations, and a study's errors must name {@code file:line:col},
 * so the tree is built from the streaming parser's token locations.
 */
public final class YamlTree {
    private YamlTree() {}

    /** A node of the tree. */
    public sealed interface Node permits Mapping, Sequence, Scalar {
        Pos pos();

        /** How the node is called in messages: "a mapping", "a list", "a number"... */
        String describe();
    }

    /** One key of a mapping with the position of the key itself. */
    public record Entry(String key, Pos keyPos, Node value) {}

    public record Mapping(Pos pos, Map<String, Entry> entries) implements Node {
        @Override
        public String describe() {
            return "a mapping";
        }
    }

    public record Sequence(Pos pos, List<Node> items) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    public enum ScalarType { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    public record Scalar(Pos pos, ScalarType type, String text) implements Node {
        @Override
        public String describe() {
            switch (type) {
                case STRING: return "the text '" + text + "'";
                case INTEGER:
                case FLOAT: return "the number " + text;
                case BOOLEAN: return "the boolean " + text;
                default: return "an empty value";
            }
        }

        public boolean isNumber() {
            return type == ScalarType.INTEGER || type == ScalarType.FLOAT;
        }
    }

    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** Parses the first document of {@code text}; {@code file} names it in positions. */
    public static Node parse(String text, String file) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) throw new ModelException(new Pos(file, 1, 1), "the study file is empty");
            return read(p, file);
        } catch (JsonProcessingException e) {
            // SnakeYAML knows the problem, where it was seen (0-based) and the construct it was inside
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                var pm = m.getProblemMark();
                String problem = m.getProblem() == null ? firstLine(e.getOriginalMessage()) : m.getProblem().strip();
                String context = "";
                if (m.getContext() != null && m.getContextMark() != null) {
                    context = " (" + m.getContext().strip() + " that starts at line " + (m.getContextMark().getLine() + 1) + ", column "
                            + (m.getContextMark().getColumn() + 1) + ")";
                }
                throw new ModelException(new Pos(file, pm.getLine() + 1, pm.getColumn() + 1), "not valid YAML: " + problem + context);
            }
            JsonLocation l = e.getLocation();
            Pos at = l == null ? new Pos(file, 0, 0) : new Pos(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
            throw new ModelException(at, "not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ModelException(new Pos(file, 0, 0), "cannot read: " + e.getMessage());
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "syntax error";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static Pos pos(JsonParser p, String file) {
        JsonLocation l = p.currentTokenLocation();
        return new Pos(file, l.getLineNr(), l.getColumnNr());
    }

    /** Reads the value whose first token is current. */
    private static Node read(JsonParser p, String file) throws IOException {
        Pos at = pos(p, file);
        JsonToken t = p.currentToken();
        if (p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser y && y.isCurrentAlias()) {
            // Jackson hands back the anchor's name as the value: refuse rather than store a wrong one
            throw new ModelException(at, "YAML aliases (*" + p.getText() + ") are not supported in a study; write the value out");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Pos keyPos = pos(p, file);
                    p.nextToken();
                    Node value = read(p, file);
                    // YAML forbids duplicate keys but Jackson keeps the last one silently
                    if (entries.containsKey(key)) throw new ModelException(keyPos, "duplicate key '" + key + "'");
                    entries.put(key, new Entry(key, keyPos, value));
                }
                return new Mapping(at, entries);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) items.add(read(p, file));
                return new Sequence(at, items);
            }
            case VALUE_STRING:
                return new Scalar(at, ScalarType.STRING, p.getText());
            case VALUE_NUMBER_INT:
                return new Scalar(at, ScalarType.INTEGER, p.getText());
            case VALUE_NUMBER_FLOAT:
                return new Scalar(at, ScalarType.FLOAT, p.getText());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Scalar(at, ScalarType.BOOLEAN, p.getText());
            case VALUE_NULL:
                return new Scalar(at, ScalarType.NULL, "");
            default:
                throw new ModelException(at, "unexpected YAML content (" + t + ")");
        }
    }
}
