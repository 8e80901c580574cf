package io.andiag.model.lake;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LakeReaderTest {

    /** Spark's shape: every column optional, three-level list with optional elements. */
    private static final MessageType SPARK_LIKE = Types.buildMessage()
            .optional(PrimitiveTypeName.INT64).named("id")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("name")
            .optional(PrimitiveTypeName.DOUBLE).named("score")
            .optionalList().optionalElement(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
            .named("tags")
            .named("spark_schema");

    private record Item(Long id, String name, Double score, List<String> tags) {
    }

    private static final RowEncoder<Item> ITEM = (r, s) -> {
        if (r.id() != null) {
            s.putLong(0, r.id());
        }
        s.putString(1, r.name());
        if (r.score() != null) {
            s.putDouble(2, r.score());
        }
        if (r.tags() != null) {
            s.putStringList(3, r.tags());
        }
    };

    @TempDir
    Path dir;

    @Test
    void readsASparkOutputDirectoryIgnoringMarkersAndChecksums() throws Exception {
        LakeWriter.writeAll(dir.resolve("part-00001-abc-c000.snappy.parquet"), SPARK_LIKE, ITEM,
                List.of(new Item(3L, "c", 3.5, List.of()), new Item(null, null, null, null)));
        LakeWriter.writeAll(dir.resolve("part-00000-abc-c000.snappy.parquet"), SPARK_LIKE, ITEM,
                List.of(new Item(1L, "a", 1.5, List.of("x", "y")), new Item(2L, "b", -2.0, List.of("z"))));
        Files.write(dir.resolve("_SUCCESS"), new byte[0]);
        Files.write(dir.resolve(".part-00000-abc-c000.snappy.parquet.crc"), new byte[] {1, 2, 3});
        Files.createDirectories(dir.resolve("_temporary"));
        Files.write(dir.resolve("_temporary").resolve("part-9.parquet"), new byte[] {1});

        List<LakeRow> rows = LakeReader.readAll(dir);

        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).getLong("id")).isEqualTo(1L);
        assertThat(rows.get(0).getStringList("tags")).containsExactly("x", "y");
        assertThat(rows.get(1).getDouble("score")).isEqualTo(-2.0);
        assertThat(rows.get(2).getList("tags")).isEmpty();
        assertThat(rows.get(3).isNull("id")).isTrue();
        assertThat(rows.get(3).get("name")).isNull();
        assertThat(rows.get(3).get("tags")).isNull();
        assertThat(LakeReader.count(dir)).isEqualTo(4);
    }

    @Test
    void callbackRowsAreReusedAndProjectionReadsOnlyTheAskedColumns() {
        LakeWriter.writeAll(dir.resolve("part-00000.parquet"), SPARK_LIKE, ITEM,
                List.of(new Item(1L, "a", 1.0, List.of()), new Item(2L, "b", 2.0, List.of())));
        List<LakeRow> seen = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        long n = LakeReader.forEach(dir, List.of("id"), r -> {
            seen.add(r);
            ids.add(r.getLong("id"));
        });
        assertThat(n).isEqualTo(2);
        assertThat(ids).containsExactly(1L, 2L);
        assertThat(seen.get(0)).isSameAs(seen.get(1));
        assertThat(seen.get(0).fieldCount()).isEqualTo(1);
        assertThat(seen.get(0).hasColumn("name")).isFalse();
    }

    @Test
    void unknownProjectedColumnIsNamedInTheError() {
        LakeWriter.writeAll(dir.resolve("part-00000.parquet"), SPARK_LIKE, ITEM, List.of(new Item(1L, "a", 1.0, null)));
        assertThatThrownBy(() -> LakeReader.forEach(dir, List.of("nope"), r -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void layoutListsPartitionsAndKnowsCompleteOnes() {
        Path p1 = LakeLayout.partitionDir(dir, LakeLayout.LABELS, LocalDate.of(2026, 11, 22));
        Path p2 = LakeLayout.partitionDir(dir, LakeLayout.LABELS, LocalDate.of(2026, 11, 23));
        LakeWriter.writeAll(LakeLayout.partFile(p1, 0), LakeSchemas.LABELS, LakeEncoders.LABEL, List.of());
        LakeWriter.writeAll(LakeLayout.partFile(p2, 0), LakeSchemas.LABELS, LakeEncoders.LABEL, List.of());
        LakeLayout.markSuccess(p1);

        assertThat(p1.toString()).endsWith("labels/dt=2026-11-22");
        assertThat(LakeLayout.partFileName(3)).isEqualTo("part-00003.parquet");
        assertThat(LakeLayout.partitions(dir, LakeLayout.LABELS, false))
                .containsExactly(LocalDate.of(2026, 11, 22), LocalDate.of(2026, 11, 23));
        assertThat(LakeLayout.partitions(dir, LakeLayout.LABELS, true)).containsExactly(LocalDate.of(2026, 11, 22));
        assertThat(LakeLayout.dataFiles(LakeLayout.tableDir(dir, LakeLayout.LABELS)))
                .extracting(p -> p.getFileName().toString()).containsExactly("part-00000.parquet", "part-00000.parquet");
        assertThat(Arrays.asList(LakeLayout.parsePartition("dt=x").isPresent(),
                LakeLayout.parsePartition("dt=2026-01-02").isPresent())).containsExactly(false, true);
    }
}
