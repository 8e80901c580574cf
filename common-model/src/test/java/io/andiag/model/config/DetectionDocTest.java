package io.andiag.model.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/detection.md must list every param with its current default, rule and doc (one table row each). */
class DetectionDocTest {

    private static final Path DOC = Path.of("..", "docs", "detection.md");

    @Test
    void everyParamIsDocumentedWithItsDefault() throws Exception {
        String doc = Files.readString(DOC);
        for (Param<?> p : DetectionParams.all()) {
            assertThat(doc).as("row of %s in %s (regenerate with DetectionParams.tableRow)", p.name(), DOC)
                    .contains(DetectionParams.tableRow(p));
        }
    }

    @Test
    void paramNamesAreUnique() {
        assertThat(DetectionParams.all().stream().map(Param::name)).doesNotHaveDuplicates();
    }
}
