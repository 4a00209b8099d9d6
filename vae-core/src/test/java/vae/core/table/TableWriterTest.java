package vae.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableWriterTest {

    @Test
    void quotesWhereNeededAndLeavesTheStreamOpen() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("the caller owns the stream");
            }
        };
        try (TableWriter w = TableWriter.open(out, List.of("name", "v"))) {
            w.writeRow("a, b", "1.5").writeRow("say \"hi\"", null).writeRow(List.of("plain", "2"));
        }
        String csv = out.toString(StandardCharsets.UTF_8);
        assertEquals("name,v\n\"a, b\",1.5\n\"say \"\"hi\"\"\",\nplain,2\n", csv);
        Table back = TableReader.read(new ByteArrayInputStream(out.toByteArray()), "w.csv", TableOptions.defaults());
        assertEquals(List.of("a, b", "plain", "say \"hi\""), back.column("name").categories());
        assertEquals(true, back.column("v").isMissing(1));
    }
}
