package org.dlab.engine.data;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An .xlsx (or .xlsm) workbook read by streaming its XML with SAX rather than through POI's
 * XSSFWorkbook: that object model costs several times the unzipped size in memory, so a small
 * but highly compressed hostile file could exhaust the heap before any cap applied. Streaming
 * lets {@link Grid}'s cell cap stop such a file early. Formula cells yield their cached value.
 */
final class XlsxBook extends WorkbookBook {

    XlsxBook(Path path, String fileLabel) {
        super(path, fileLabel);
    }

    @Override
    protected Meta loadMeta() {
        return visit(pkg -> {
            WorkbookHandler h = new WorkbookHandler();
            try (InputStream in = new XSSFReader(pkg).getWorkbookData()) {
                parse(in, h);
            }
            return new Meta(h.sheets, h.names);
        });
    }

    @Override
    protected Grid loadSheet(String sheetName) {
        return visit(pkg -> {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            XSSFReader.SheetIterator it = reader.getSheetIterator();
            while (it.hasNext()) {
                try (InputStream in = it.next()) {
                    if (it.getSheetName().equals(sheetName)) {
                        Grid grid = new Grid(fileLabel, sheetName);
                        parse(in, new SheetHandler(grid, strings));
                        return grid;
                    }
                }
            }
            throw new DataError(fileLabel + ": no sheet '" + sheetName + "'");
        });
    }

    private interface PackageWork<T> {
        T run(OPCPackage pkg) throws Exception;
    }

    /** Opens the package read-only, runs {@code work}, and always closes the file again. */
    private <T> T visit(PackageWork<T> work) {
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(path.toFile(), PackageAccess.READ);
            return work.run(pkg);
        } catch (DataError e) {
            throw e;
        } catch (Exception e) {
            throw new DataError(fileLabel + ": cannot read the workbook (" + DataError.describe(e) + ")");
        } finally {
            if (pkg != null) {
                pkg.revert(); // close without saving: READ packages must not be "closed" (saved)
            }
        }
    }

    private static void parse(InputStream in, DefaultHandler handler) throws Exception {
        // POI's XMLHelper gives a parser with external entities and DTDs disabled
        XMLReader xml = XMLHelper.newXMLReader();
        xml.setContentHandler(handler);
        xml.parse(new InputSource(in));
    }

    private static String local(String localName, String qName) {
        if (localName != null && !localName.isEmpty()) {
            return localName;
        }
        int colon = qName.indexOf(':');
        return colon < 0 ? qName : qName.substring(colon + 1);
    }

    /** Collects sheet names (in order, which is what localSheetId counts) and defined names. */
    private static final class WorkbookHandler extends DefaultHandler {
        final List<String> sheets = new ArrayList<>();
        final List<NameDef> names = new ArrayList<>();
        private StringBuilder text;
        private String name;
        private int localSheet;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            String el = local(localName, qName);
            if (el.equals("sheet")) {
                sheets.add(atts.getValue("name"));
            } else if (el.equals("definedName")) {
                name = atts.getValue("name");
                String id = atts.getValue("localSheetId");
                localSheet = id == null ? -1 : parseIntOr(id, -2);
                text = new StringBuilder();
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (text != null && text.length() < 10_000) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (local(localName, qName).equals("definedName") && text != null) {
                // _xlnm.* are Excel's own (print area, filter); never a model's data
                if (name != null && !name.startsWith("_xlnm.")) {
                    names.add(new NameDef(name, localSheet, text.toString()));
                }
                text = null;
            }
        }
    }

    /** Turns {@code <row><c r="B2" t="s"><v>3</v></c>...} into grid cells. */
    private static final class SheetHandler extends DefaultHandler {
        private final Grid grid;
        private final ReadOnlySharedStringsTable strings;
        private final StringBuilder buffer = new StringBuilder();
        private int row = -1;
        private int col = -1;
        private String type;
        private String value;
        private StringBuilder inline;
        private boolean capturing;
        private boolean inPhonetic;

        SheetHandler(Grid grid, ReadOnlySharedStringsTable strings) {
            this.grid = grid;
            this.strings = strings;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            switch (local(localName, qName)) {
                case "row" -> {
                    String r = atts.getValue("r");
                    row = r == null ? row + 1 : parseIntOr(r, 0) - 1;
                    col = -1;
                    if (row < 0 || row >= CellRef.MAX_ROWS) {
                        throw new DataError(grid.label() + ": bad row number '" + Grid.clip(String.valueOf(r)) + "'");
                    }
                }
                case "c" -> {
                    String r = atts.getValue("r");
                    CellRef ref = r == null ? null : CellRef.parse(r);
                    if (ref != null) {
                        row = ref.row();
                        col = ref.col();
                    } else {
                        col++; // cells may omit their address; they then follow the previous one
                    }
                    type = atts.getValue("t");
                    value = "";
                    inline = new StringBuilder();
                }
                // <v> holds the value (a formula's cached result); <t> the text of an inline string
                case "v", "t" -> {
                    capturing = !inPhonetic;
                    buffer.setLength(0);
                }
                case "rPh" -> inPhonetic = true; // phonetic guide text is not part of the value
                default -> { }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (capturing && buffer.length() < 1_000_000) {
                buffer.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (local(localName, qName)) {
                case "v" -> {
                    value = buffer.toString().strip();
                    capturing = false;
                }
                case "t" -> {
                    if (capturing && inline != null) {
                        inline.append(buffer);
                    }
                    capturing = false;
                }
                case "rPh" -> inPhonetic = false;
                case "c" -> store();
                default -> { }
            }
        }

        private void store() {
            if (col < 0 || row < 0) {
                return;
            }
            String t = type == null ? "n" : type;
            switch (t) {
                case "s" -> {
                    if (value.isEmpty()) {
                        return;
                    }
                    int i = parseIntOr(value, -1);
                    if (i < 0 || i >= strings.getCount()) {
                        throw new DataError(grid.at(row, col, "refers to a missing shared string"));
                    }
                    grid.putText(row, col, strings.getItemAt(i).getString());
                }
                case "inlineStr" -> grid.putText(row, col, inline.toString());
                case "b" -> {
                    if (!value.isEmpty()) {
                        grid.putNumber(row, col, "1".equals(value) ? 1 : 0);
                    }
                }
                case "str", "e", "d" -> grid.putText(row, col, value);
                default -> {
                    if (!value.isEmpty()) {
                        try {
                            grid.putNumber(row, col, Double.parseDouble(value));
                        } catch (NumberFormatException e) {
                            grid.putText(row, col, value);
                        }
                    }
                }
            }
        }
    }

    private static int parseIntOr(String s, int fallback) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
